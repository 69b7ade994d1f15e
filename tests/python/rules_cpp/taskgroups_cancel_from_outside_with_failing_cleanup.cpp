// From CPython 3.11 Lib/test/test_asyncio/test_taskgroups.py: TestTaskGroup.test_taskgroup_08
// (a task cancelled from outside while its TaskGroup's child raises in its cleanup). The group
// raises ExceptionGroup, not CancelledError: the child's error wins over the cancellation. The
// same when the cancel arrives while the group already waits in __aexit__. The cancelled task's
// cancelling() stays 1 (nobody took the outside cancel back).
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> child() {
    try {
        co_await aio::sleep(10);
    } catch (const aio::CancelledError&) {
    }
    // finally:
    log("child cleanup raises");
    throw rules::Boom("cleanup");
}

aio::Task<> runner(bool body_waits) {
    try {
        co_await aio::task_group([&](aio::TaskGroup& tg) -> aio::Task<> {
            tg.create_task(child(), "child");
            if (body_waits) {
                try {
                    co_await aio::sleep(10);
                } catch (const aio::CancelledError&) {
                    log("body cancelled");
                    throw;
                }
            } else {
                log("body done");
            }
        });
    } catch (const aio::ExceptionGroup&) {
        log("runner: ", rules::describe_current(), " cancelling() ", aio::current_task().cancelling());
        throw;
    }
}

AIO_RULE(taskgroups_cancel_from_outside_with_failing_cleanup) {
    for (bool body_waits : {true, false}) {
        auto r = aio::create_task(runner(body_waits), "runner");
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
