// From CPython 3.11 Lib/test/test_asyncio/test_taskgroups.py: TestTaskGroup.test_taskgroup_04,
// test_taskgroup_15 and test_taskgroup_no_create_task_after_failure (the body of a TaskGroup
// catches the cancel the group sends it when a child fails). The group cancels its task only
// once: a body that swallows it runs on undisturbed (its next sleep ends normally, a second
// failing child sends no new cancel), and when it ends the group still raises ExceptionGroup
// with every child error, its task's cancelling() back to 0.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> fails(std::string name, double delay) {
    co_await aio::sleep(delay);
    log(name, " raises");
    throw rules::Boom(name);
}

aio::Task<> slow_child() {
    bool cancelled = false;
    try {
        co_await aio::sleep(10);
    } catch (const aio::CancelledError&) {
        cancelled = true;
    }
    if (cancelled) {  // except CancelledError: (no co_await inside a catch block)
        log("slow child cancelled, cleaning up");
        co_await aio::sleep(0.3);
        log("slow child raises in cleanup");
        throw rules::Boom("cleanup");
    }
}

AIO_RULE(taskgroups_body_swallows_group_cancel) {
    try {
        co_await aio::task_group([&](aio::TaskGroup& tg) -> aio::Task<> {
            tg.create_task(fails("first", 0.1), "first");
            tg.create_task(slow_child(), "slow");
            try {
                co_await aio::sleep(1);
            } catch (const aio::CancelledError&) {
                log("body swallows the cancel, cancelling() ", aio::current_task().cancelling());
            }
            co_await aio::sleep(0.5);
            log("body slept on undisturbed, cancelling() ", aio::current_task().cancelling());
        });
    } catch (const aio::ExceptionGroup&) {
        log("caught ", rules::describe_current(), " cancelling() ", aio::current_task().cancelling());
    }
}
}  // namespace
