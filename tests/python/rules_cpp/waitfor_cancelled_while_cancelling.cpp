// wait_for stays cancellable while it waits for the inner task to finish its cancellation:
// the inner task swallows the timeout's cancellation and goes on working; cancelling the task
// that runs wait_for then ends wait_for with CancelledError at once, without cancelling the
// inner task again, which later returns its value.
// From CPython 3.11 Lib/test/test_asyncio/test_waitfor.py: AsyncioWaitForTest.test_wait_for_self_cancellation.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<int> inner() {
    bool first = false;
    try {
        co_await aio::sleep(0.3);
    } catch (const aio::CancelledError&) {
        first = true;
    }
    if (first) {
        log("inner swallows the first cancellation");
        bool second = false;
        try {
            co_await aio::sleep(0.3);
        } catch (const aio::CancelledError&) {
            second = true;
        }
        if (second) {
            log("inner cancelled a second time");
            co_await aio::sleep(0.3);
        }
    }
    log("inner returns 42");
    co_return 42;
}

aio::Task<int> waiting(aio::Task<int> t) {
    try {
        co_return co_await aio::wait_for(t, 0.1);
    } catch (const aio::CancelledError&) {
        log("wait_for raised ", rules::describe_current());
        throw;
    }
}

AIO_RULE(waitfor_cancelled_while_cancelling) {
    auto inner_task = aio::create_task(inner(), "inner");
    auto w = aio::create_task(waiting(inner_task), "waiting");
    co_await aio::sleep(0.2);
    log("cancel waiting -> ", w.cancel());
    try {
        co_await w;
    } catch (const aio::CancelledError&) {
        log("await waiting: ", rules::describe_current(), ", inner done() ", inner_task.done());
    }
    int r = co_await inner_task;
    log("inner result ", r, ", cancelling() ", inner_task.cancelling());
}
}  // namespace
