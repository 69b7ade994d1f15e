// Cancellation travels down through awaits: cancelling a task that awaits a coroutine that
// awaits a future cancels the future, and the CancelledError goes up through both frames
// (the outer one may catch it and return normally: the task is then not cancelled). A task
// that awaits asyncio.wait() is different: the cancellation stops at the wait, the waited task
// is not cancelled and finishes later.
// From CPython 3.11 Lib/test/test_asyncio/test_tasks.py: BaseTaskTests.test_yield_future_passes_cancel,
// test_yield_wait_does_not_shield_cancel.
#include "rule_registry.hpp"

#include <vector>

namespace {
using rules::log;

aio::Task<> inner(aio::Future<> fut) {
    try {
        co_await fut;
    } catch (const aio::CancelledError&) {
        log("inner: ", rules::describe_current());
        throw;
    }
}

aio::Task<std::string> outer(aio::Future<> fut) {
    try {
        co_await inner(fut);
    } catch (const aio::CancelledError&) {
        log("outer caught ", rules::describe_current());
    }
    co_return "outer returned";
}

aio::Task<> worker(aio::Future<> fut) {
    co_await fut;
    log("worker finished");
}

aio::Task<> waiting(aio::Task<> w) {
    std::vector<aio::Task<>> ws{w};
    co_await aio::wait(ws);
    log("not reached");
}

AIO_RULE(tasks_cancel_through_awaits) {
    auto f1 = aio::create_future<>();
    auto t1 = aio::create_task(outer(f1), "outer");
    co_await aio::sleep(0);
    log("cancel outer -> ", t1.cancel());
    std::string r = co_await t1;
    log(r, ": outer cancelled() ", t1.cancelled(), ", future cancelled() ", f1.cancelled());

    auto f2 = aio::create_future<>();
    auto w = aio::create_task(worker(f2), "worker");
    auto t2 = aio::create_task(waiting(w), "waiting");
    co_await aio::sleep(0);
    log("cancel waiting -> ", t2.cancel());
    try {
        co_await t2;
    } catch (const aio::CancelledError&) {
        log("await waiting: ", rules::describe_current(), ", worker done() ", w.done());
    }
    f2.set_result();
    co_await w;
    log("worker cancelled() ", w.cancelled());
}
}  // namespace
