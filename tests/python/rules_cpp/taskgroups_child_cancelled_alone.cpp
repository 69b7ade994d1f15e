// From CPython 3.11 Lib/test/test_asyncio/test_taskgroups.py: TestTaskGroup.test_taskgroup_01,
// test_taskgroup_02 and test_taskgroup_03 (children cancelled one by one do not fail the group).
// A child cancelled on its own ends cancelled; the group goes on, takes new children after that,
// waits for the rest and raises nothing; the body is not cancelled.
#include "rule_registry.hpp"

#include <optional>

namespace {
using rules::log;

aio::Task<int> job(std::string name, double delay, int value) {
    try {
        co_await aio::sleep(delay);
    } catch (const aio::CancelledError&) {
        log(name, " cancelled");
        throw;
    }
    log(name, " returns ", value);
    co_return value;
}

AIO_RULE(taskgroups_child_cancelled_alone) {
    std::optional<aio::Task<int>> t2, t3;
    co_await aio::task_group([&](aio::TaskGroup& tg) -> aio::Task<> {
        auto t1 = tg.create_task(job("t1", 1, 42), "t1");
        t2 = tg.create_task(job("t2", 0.1, 7), "t2");
        co_await aio::sleep(0.15);
        log("cancel t1 -> ", t1.cancel());
        t3 = tg.create_task(job("t3", 0.2, 11), "t3");
        co_await aio::sleep(0);
        log("body done, t1.cancelled() ", t1.cancelled());
    });
    log("after the group: t2 ", t2->result(), " t3 ", t3->result(), " cancelling() ", aio::current_task().cancelling());
}
}  // namespace
