// From CPython 3.11 Lib/test/test_asyncio/test_taskgroups.py: TestTaskGroup.test_taskgroup_04,
// test_taskgroup_13 and test_taskgroup_24 (a child fails after the body finished, while the group
// waits in __aexit__). The group still cancels the other children and raises ExceptionGroup, but
// in 3.11 it has already passed the point where it takes back the cancel it sends its task: the
// task's cancelling() stays 1 (it is 0 when the child fails while the body still runs). A body
// awaiting another task when a child fails gets that task cancelled with it.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> fails(double delay) {
    co_await aio::sleep(delay);
    log("fails raises");
    throw rules::Boom("child");
}

aio::Task<> other() {
    try {
        co_await aio::sleep(10);
    } catch (const aio::CancelledError&) {
        log("other cancelled");
        throw;
    }
}

aio::Task<> runner(std::string mode) {
    try {
        co_await aio::task_group([&](aio::TaskGroup& tg) -> aio::Task<> {
            tg.create_task(fails(0.1), "fails");
            if (mode == "body sleeps") {
                co_await aio::sleep(1);
            } else if (mode == "body awaits a task") {
                co_await aio::create_task(other(), "other");
            }
            log("body done (", mode, ")");
        });
    } catch (const aio::ExceptionGroup&) {
        log(mode, ": ", rules::describe_current(), " cancelling() ", aio::current_task().cancelling());
    }
    co_await aio::sleep(0.1);
    log(mode, ": slept on, cancelling() ", aio::current_task().cancelling());
}

AIO_RULE(taskgroups_child_fails_during_exit) {
    for (const char* mode : {"body sleeps", "body returns", "body awaits a task"})
        co_await aio::create_task(runner(mode), "runner");
}
}  // namespace
