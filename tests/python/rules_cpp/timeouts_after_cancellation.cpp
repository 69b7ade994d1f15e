// A task that swallowed a cancellation keeps the request counted (cancelling() 1); a timeout
// scope it enters afterwards measures against that count: when the scope expires it still
// raises TimeoutError, but a new cancel() inside the scope comes out as CancelledError.
// From CPython 3.11 Lib/test/test_asyncio/test_timeouts.py: TimeoutTests.test_timeout_after_cancellation,
// test_cancel_in_timeout_after_cancellation.
#include "rule_registry.hpp"

namespace {
using rules::log;

AIO_RULE(timeouts_after_cancellation) {
    aio::TaskRef me = aio::current_task();
    try {
        me.cancel();
        co_await aio::sleep(1);
        log("not reached");
    } catch (const aio::CancelledError&) {
        log("swallowed ", rules::describe_current(), ", cancelling() ", me.cancelling());
    }
    try {
        auto body = [](aio::Timeout&) -> aio::Task<> {
            co_await aio::sleep(1);
            log("not reached");
        };
        co_await aio::timeout(0.0, body);
    } catch (const aio::TimeoutError&) {
        log("timeout(0): ", rules::describe_current(), ", cancelling() ", me.cancelling());
    }
    aio::Timeout cm = aio::timeout(1.0);
    try {
        auto body = [&](aio::Timeout&) -> aio::Task<> {
            me.cancel();
            co_await aio::sleep(2);
            log("not reached");
        };
        co_await aio::async_with(cm, body);
    } catch (const aio::CancelledError&) {
        log("cancel in timeout(1): ", rules::describe_current(), ", expired() ", cm.expired(), ", cancelling() ",
            me.cancelling());
    } catch (const aio::TimeoutError&) {
        log("cancel in timeout(1): ", rules::describe_current());
    }
    co_await aio::sleep(2);
    log("no late timeout");
}
}  // namespace
