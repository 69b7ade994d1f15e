// uncancel() takes a cancel request back: a task that catches CancelledError and calls
// uncancel() is no longer cancelling (0) and runs on; a second cancel() counts from 0 again
// and, not caught, ends the task cancelled. uncancel() on the finished task changes the count
// but not the outcome.
// From CPython 3.11 Lib/test/test_asyncio/test_tasks.py: BaseTaskTests.test_uncancel_basic,
// test_cancelling.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> worker() {
    bool caught = false;
    try {
        co_await aio::sleep(10);
    } catch (const aio::CancelledError&) {
        caught = true;
    }
    if (caught) {
        aio::TaskRef me = aio::current_task();
        log("worker caught the first cancel, uncancel() -> ", me.uncancel());
        co_await aio::sleep(10);
        log("not reached");
    }
}

AIO_RULE(tasks_uncancel_basic) {
    auto t = aio::create_task(worker(), "worker");
    co_await aio::sleep(0.1);
    log("cancel() -> ", t.cancel());
    log("cancelling() ", t.cancelling(), " cancelled() ", t.cancelled());
    co_await aio::sleep(0.1);
    log("after uncancel: cancelling() ", t.cancelling(), " cancelled() ", t.cancelled());
    log("cancel() -> ", t.cancel());
    log("cancel() again -> ", t.cancel());
    log("cancelling() ", t.cancelling());
    try {
        co_await t;
    } catch (const aio::CancelledError&) {
        log("await worker: ", rules::describe_current());
    }
    log("done() ", t.done(), " cancelled() ", t.cancelled(), " cancelling() ", t.cancelling());
    log("uncancel() -> ", t.uncancel());
    log("done() ", t.done(), " cancelled() ", t.cancelled(), " cancelling() ", t.cancelling());
}
}  // namespace
