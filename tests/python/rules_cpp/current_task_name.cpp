// current_task() is the task running now; awaiting a coroutine does not change it.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> who(std::string label) {
    log(label, ": current_task ", aio::current_task().name());
    co_return;
}

AIO_RULE(current_task_name) {
    co_await who("main");
    auto w = aio::create_task(who("created"), "worker-1");
    co_await w;
    co_await who("inline");
    log("task name ", w.name());
}
}  // namespace
