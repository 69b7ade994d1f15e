// A task that cancels itself while running is not interrupted until it awaits: the next await
// raises CancelledError at once (a sleep(100) ends at t=0), and if that await is on another
// task, the cancellation is passed on to it (and to the future it awaits). A finished task's
// cancel() returns False.
// From CPython 3.11 Lib/test/test_asyncio/test_tasks.py: BaseTaskTests.test_cancel_awaited_task,
// test_cancel_current_task.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> nested(aio::Future<> fut) {
    try {
        co_await fut;
    } catch (const aio::CancelledError&) {
        log("nested: ", rules::describe_current());
        throw;
    }
}

aio::Task<> outer(aio::Future<> fut) {
    auto n = aio::create_task(nested(fut), "nested");
    co_await aio::sleep(0);
    log("outer cancels itself -> ", aio::current_task().cancel());
    log("outer still runs, then awaits nested");
    co_await n;
}

aio::Task<int> sleeper() {
    log("sleeper cancels itself -> ", aio::current_task().cancel());
    co_await aio::sleep(100);
    co_return 12;
}

AIO_RULE(tasks_cancel_awaited_task) {
    auto fut = aio::create_future<>();
    auto t = aio::create_task(outer(fut), "outer");
    try {
        co_await t;
    } catch (const aio::CancelledError&) {
        log("await outer: ", rules::describe_current());
    }
    log("outer cancelled() ", t.cancelled(), ", future cancelled() ", fut.cancelled());
    auto s = aio::create_task(sleeper(), "sleeper");
    try {
        co_await s;
    } catch (const aio::CancelledError&) {
        log("await sleeper: ", rules::describe_current());
    }
    bool cancelled = s.cancelled();
    log("sleeper cancelled() ", cancelled, ", cancel() -> ", s.cancel());
}
}  // namespace
