// TaskGroup without failures: the block ends when the body and every child have finished.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<std::string> job(std::string name, double delay) {
    co_await aio::sleep(delay);
    log(name, " done");
    co_return name;
}

AIO_RULE(taskgroup_success) {
    aio::Task<std::string> a, b, c;
    co_await aio::task_group([&](aio::TaskGroup& tg) -> aio::Task<> {
        a = tg.create_task(job("a", 0.1), "a");
        b = tg.create_task(job("b", 0.3), "b");
        c = tg.create_task(job("c", 0.2), "c");
        log("body created three tasks");
        co_await aio::sleep(0.15);
        log("body done");
    });
    log("group done: ", a.result(), " ", b.result(), " ", c.result());
}
}  // namespace
