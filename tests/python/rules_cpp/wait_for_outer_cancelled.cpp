// Cancelling a task that is inside wait_for cancels the inner task, waits for its cleanup,
// and raises CancelledError (not TimeoutError).
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> inner() {
    bool cancelled = false;
    try {
        co_await aio::sleep(1);
    } catch (const aio::CancelledError&) {
        cancelled = true;
    }
    if (cancelled) {  // except CancelledError: (C++ cannot co_await inside a catch block)
        log("inner cancelled, cleaning up");
        co_await aio::sleep(0.1);
        log("inner cleanup done");
        throw aio::CancelledError();
    }
}

aio::Task<> outer() {
    try {
        co_await aio::wait_for(inner(), 5);
    } catch (const aio::CancelledError&) {
        log("outer: CancelledError");
        throw;
    }
}

AIO_RULE(wait_for_outer_cancelled) {
    auto o = aio::create_task(outer(), "outer");
    co_await aio::sleep(0.2);
    o.cancel();
    try {
        co_await o;
    } catch (const aio::CancelledError&) {
        log("main: ", rules::describe_current());
    }
}
}  // namespace
