// From CPython 3.11 Lib/test/test_asyncio/test_taskgroups.py: TestTaskGroup.test_taskgroup_22
// and test_cancellation (the task is cancelled after the body finished, while the group waits
// for its children in __aexit__). The group cancels the children, waits for their cleanup and
// lets CancelledError out (with the cancel's message); a second cancel during that cleanup does
// not cut the wait short.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<double> child(std::string name, double delay) {
    bool cancelled = false;
    try {
        co_await aio::sleep(delay);
    } catch (const aio::CancelledError&) {
        cancelled = true;
    }
    if (cancelled) {  // except CancelledError: (no co_await inside a catch block)
        if (name == "c1") {  // one sibling only: the group cancels them in set order
            log(name, " cancelled, cleaning up");
            co_await aio::sleep(0.2);
            log(name, " cleanup done");
        }
        throw aio::CancelledError();
    }
    co_return delay;
}

aio::Task<> runner() {
    try {
        co_await aio::task_group([&](aio::TaskGroup& tg) -> aio::Task<> {
            tg.create_task(child("c1", 1), "c1");
            tg.create_task(child("c2", 2), "c2");
            log("body done");
            co_return;
        });
    } catch (const aio::CancelledError& e) {
        log("runner: ", rules::describe_current(), " '", e.message(), "' cancelling() ", aio::current_task().cancelling());
        throw;
    }
}

AIO_RULE(taskgroups_cancelled_while_exit_waits) {
    auto r = aio::create_task(runner(), "runner");
    co_await aio::sleep(0.05);
    log("cancel runner -> ", r.cancel("stop"));
    co_await aio::sleep(0.1);
    log("cancel runner again -> ", r.cancel("again"));
    try {
        co_await r;
    } catch (const aio::CancelledError&) {
        log("main: ", rules::describe_current(), " r.cancelled() ", r.cancelled());
    }
}
}  // namespace
