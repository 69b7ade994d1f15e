// From CPython 3.11 Lib/test/test_asyncio/test_taskgroups.py: TestTaskGroup.test_taskgroup_19
// and test_taskgroup_context_manager_exit_raises (gh-95289). A child fails while the body waits;
// the body, cancelled by the group, raises its own error from its cleanup instead of
// CancelledError. The group holds both, the child's first and the body's last, and takes back
// the cancel it sent: the task's cancelling() is 0 afterwards.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> crash_soon(double delay) {
    co_await aio::sleep(delay);
    log("crash_soon raises");
    throw rules::Boom("child");
}

aio::Task<> nested() {
    try {
        co_await aio::sleep(10);
    } catch (const aio::CancelledError&) {
    }
    // finally:
    log("nested cleanup raises");
    throw rules::Boom("body");
}

AIO_RULE(taskgroups_body_error_after_child_error) {
    for (double delay : {0.1, 0.0}) {
        try {
            co_await aio::task_group([&](aio::TaskGroup& tg) -> aio::Task<> {
                tg.create_task(crash_soon(delay), "crash_soon");
                co_await nested();
            });
        } catch (const aio::ExceptionGroup&) {
            log("caught ", rules::describe_current(), " cancelling() ", aio::current_task().cancelling());
        }
    }
}
}  // namespace
