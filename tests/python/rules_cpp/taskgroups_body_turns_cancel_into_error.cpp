// From CPython 3.11 Lib/test/test_asyncio/test_taskgroups.py: TestTaskGroup.test_taskgroup_17
// and test_taskgroup_18 (a task cancelled from outside inside a TaskGroup without children).
// If the body lets CancelledError out, CancelledError leaves the group; if it raises another
// error instead, the group raises ExceptionGroup(that error), and the task's cancelling() stays 1.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> runner(bool swap) {
    try {
        co_await aio::task_group([&](aio::TaskGroup&) -> aio::Task<> {
            try {
                co_await aio::sleep(10);
            } catch (const aio::CancelledError&) {
                log("body cancelled, swap=", swap ? "True" : "False");
                if (swap) throw rules::Boom("instead");
                throw;
            }
        });
    } catch (...) {
        log("runner: ", rules::describe_current(), " cancelling() ", aio::current_task().cancelling());
        throw;
    }
}

AIO_RULE(taskgroups_body_turns_cancel_into_error) {
    for (bool swap : {false, true}) {
        auto r = aio::create_task(runner(swap), "runner");
        co_await aio::sleep(0.1);
        log("cancel runner -> ", r.cancel());
        try {
            co_await r;
        } catch (...) {
            log("main: ", rules::describe_current(), " r.cancelled() ", r.cancelled());
        }
    }
}
}  // namespace
