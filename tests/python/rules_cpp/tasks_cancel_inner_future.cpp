// Cancelling the future a task awaits (not the task) raises CancelledError in the task; left
// uncaught, the task ends cancelled although nobody called its cancel() (cancelling() 0).
// Cancelling the future and then the task: the task's cancel() still returns True and counts.
// A task that swallows the CancelledError from a cancelled future goes on to its next await
// and returns normally.
// From CPython 3.11 Lib/test/test_asyncio/test_tasks.py: BaseTaskTests.test_cancel_inner_future,
// test_cancel_both_task_and_inner_future, test_cancel_task_ignoring.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<int> awaits(std::string name, aio::Future<> fut) {
    log(name, " awaits its future");
    co_await fut;
    log(name, ": not reached");
    co_return 12;
}

aio::Task<int> ignoring(aio::Future<> fut1, aio::Future<int> fut2) {
    try {
        co_await fut1;
    } catch (const aio::CancelledError&) {
        log("ignoring swallows ", rules::describe_current());
    }
    int r = co_await fut2;
    log("ignoring got ", r);
    co_return r;
}

aio::Task<> report(std::string name, aio::Task<int> t) {
    try {
        int r = co_await t;
        log(name, " returned ", r);
    } catch (const aio::CancelledError&) {
        log(name, " raised ", rules::describe_current());
    }
    log(name, ": cancelled() ", t.cancelled(), " cancelling() ", t.cancelling());
}

AIO_RULE(tasks_cancel_inner_future) {
    auto f = aio::create_future<>();
    auto t = aio::create_task(awaits("a", f), "a");
    co_await aio::sleep(0);
    log("f.cancel() -> ", f.cancel());
    co_await report("a", t);

    f = aio::create_future<>();
    t = aio::create_task(awaits("b", f), "b");
    co_await aio::sleep(0);
    log("f.cancel() -> ", f.cancel());
    log("b.cancel() -> ", t.cancel());
    co_await report("b", t);

    auto f1 = aio::create_future<>();
    auto f2 = aio::create_future<int>();
    t = aio::create_task(ignoring(f1, f2), "ignoring");
    co_await aio::sleep(0);
    bool cancelled = t.cancel();
    log("ignoring.cancel() -> ", cancelled, ", f1 cancelled() ", f1.cancelled());
    co_await aio::sleep(0);
    co_await aio::sleep(0);
    f2.set_result(42);
    co_await report("ignoring", t);
}
}  // namespace
