// wait_for with a timeout of 0 or less: a future that is already done gives its result at
// once, without yielding to the loop; a running task is cancelled at once, wait_for waits for
// its cleanup (however long it takes) and then raises TimeoutError; the task ends cancelled.
// From CPython 3.11 Lib/test/test_asyncio/test_waitfor.py:
// AsyncioWaitForTest.test_wait_for_timeout_less_then_0_or_0_future_done,
// test_wait_for_timeout_less_then_0_or_0, test_wait_for_waits_for_task_cancellation_w_timeout_0.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> other() {
    log("other task runs");
    co_return;
}

aio::Task<std::string> worker(std::string name) {
    log(name, " starts");
    bool cancelled = false;
    try {
        co_await aio::sleep(10);
    } catch (const aio::CancelledError&) {
        cancelled = true;
    }
    if (cancelled) {
        log(name, " cancelled, cleaning up");
        co_await aio::sleep(0.2);
        log(name, " cleanup done");
        throw aio::CancelledError();
    }
    co_return "done";
}

AIO_RULE(waitfor_timeout_not_positive) {
    auto fut = aio::create_future<std::string>();
    fut.set_result("ready");
    aio::create_task(other(), "other");
    std::string r = co_await aio::wait_for(fut, 0);
    log("done future -> ", r);
    co_await aio::sleep(0);
    for (int timeout : {0, -1}) {
        std::string name = rules::str("w", timeout);
        auto t = aio::create_task(worker(name), name);
        co_await aio::sleep(0);
        try {
            co_await aio::wait_for(t, timeout);
            log("not reached");
        } catch (const aio::TimeoutError&) {
            log("timeout=", timeout, ": ", rules::describe_current(), ", cancelled() ", t.cancelled());
        }
    }
}
}  // namespace
