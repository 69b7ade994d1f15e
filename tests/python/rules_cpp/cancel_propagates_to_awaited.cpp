// Cancelling a task that awaits another task cancels the awaited task too;
// the awaiting task sees CancelledError once the awaited one has finished cancelling.
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

aio::Task<> outer(aio::Task<> t) {
    try {
        co_await t;
    } catch (const aio::CancelledError&) {
        log("outer: CancelledError");
        throw;
    }
}

AIO_RULE(cancel_propagates_to_awaited) {
    auto i = aio::create_task(inner(), "inner");
    auto o = aio::create_task(outer(i), "outer");
    co_await aio::sleep(0.2);
    log("cancel outer -> ", o.cancel());
    try {
        co_await o;
    } catch (const aio::CancelledError&) {
        log("main: outer ", rules::describe_current());
    }
    log("inner cancelled() ", i.cancelled());
}
}  // namespace
