// From CPython 3.11 Lib/test/test_asyncio/test_taskgroups.py: TestTaskGroup.test_taskgroup_15
// and test_taskgroup_16 (a task cancelled from outside whose TaskGroup body, cleaning up, still
// waits when a child fails). The group cancels its body again (the cleanup's sleep is cut short)
// and raises ExceptionGroup, not CancelledError; the same when the cancel comes through another
// task that awaits the one holding the group.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> crash_soon() {
    co_await aio::sleep(0.3);
    log("crash_soon raises");
    throw rules::Boom("child");
}

aio::Task<> grouped() {
    co_await aio::task_group([&](aio::TaskGroup& tg) -> aio::Task<> {
        tg.create_task(crash_soon(), "crash_soon");
        bool cancelled = false;
        try {
            co_await aio::sleep(10);
        } catch (const aio::CancelledError&) {
            cancelled = true;
        }
        if (cancelled) {  // except CancelledError: (no co_await inside a catch block)
            log("body cancelled, cleaning up");
            try {
                co_await aio::sleep(0.5);
                log("body cleanup done");
            } catch (const aio::CancelledError&) {
                log("body cleanup cancelled");
            }
            throw aio::CancelledError();
        }
    });
}

aio::Task<> outer() {
    auto t = aio::create_task(grouped(), "grouped");
    co_await t;
}

AIO_RULE(taskgroups_body_cleanup_outlives_child_failure) {
    for (bool direct : {true, false}) {
        std::string name = direct ? "grouped" : "outer";
        auto r = direct ? aio::create_task(grouped(), name) : aio::create_task(outer(), name);
        co_await aio::sleep(0.1);
        log("cancel ", name, " -> ", r.cancel());
        try {
            co_await r;
        } catch (...) {
            log("main: ", rules::describe_current(), " cancelled() ", r.cancelled());
        }
    }
}
}  // namespace
