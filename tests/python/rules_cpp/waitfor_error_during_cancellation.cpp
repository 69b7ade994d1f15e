// When wait_for's timeout cancels the inner task and the task's cleanup raises another error,
// wait_for raises that error (not TimeoutError), once the cleanup is over.
// From CPython 3.11 Lib/test/test_asyncio/test_waitfor.py:
// AsyncioWaitForTest.test_wait_for_reraises_exception_during_cancellation.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> inner() {
    try {
        co_await aio::sleep(1);
    } catch (...) {
    }
    // finally: (C++ cannot co_await inside a catch block)
    log("inner cleanup");
    co_await aio::sleep(0.1);
    log("inner cleanup raises Boom");
    throw rules::Boom("cleanup");
}

AIO_RULE(waitfor_error_during_cancellation) {
    auto t = aio::create_task(inner(), "inner");
    try {
        co_await aio::wait_for(t, 0.3);
        log("not reached");
    } catch (const rules::Boom&) {
        log("wait_for raised ", rules::describe_current());
    } catch (const aio::TimeoutError&) {
        log("wait_for raised ", rules::describe_current());
    }
    log("inner cancelled() ", t.cancelled(), ", exception ", rules::describe(t.exception()));
    log("main cancelling() ", aio::current_task().cancelling());
}
}  // namespace
