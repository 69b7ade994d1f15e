// A created task does not run until its creator yields to the loop.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<int> child() {
    log("child runs");
    co_return 42;
}

AIO_RULE(create_task_lazy) {
    auto t = aio::create_task(child(), "child");
    log("main created child");
    log("child done? ", t.done());
    log("main still running, child has not started");
    co_await aio::sleep(0);
    log("after one sleep(0): child done? ", t.done());
    log("result ", co_await t);
}
}  // namespace
