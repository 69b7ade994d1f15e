// An error other than the cancellation passes through a timeout scope unchanged: raised by
// the body before the deadline (expired() False), or raised by the body's cleanup while the
// timeout's cancellation unwinds it (expired() True, no TimeoutError, and the scope still takes
// its cancel request back: cancelling() is 0 afterwards).
// From CPython 3.11 Lib/test/test_asyncio/test_timeouts.py: TimeoutTests.test_foreign_exception_passed,
// test_foreign_exception_on_timeout.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> crash() {
    try {
        co_await aio::sleep(1);
    } catch (...) {
        log("crash: cleanup raises Boom");
        throw rules::Boom("cleanup");
    }
    log("crash: cleanup raises Boom");
    throw rules::Boom("cleanup");
}

AIO_RULE(timeouts_foreign_exception) {
    aio::Timeout cm = aio::timeout(0.5);
    try {
        auto body = [&](aio::Timeout&) -> aio::Task<> {
            co_await aio::sleep(0.1);
            throw rules::Boom("body");
        };
        co_await aio::async_with(cm, body);
    } catch (const rules::Boom&) {
        log("caught ", rules::describe_current(), ", expired() ", cm.expired());
    }
    aio::Timeout cm2 = aio::timeout(0.5);
    try {
        auto body = [&](aio::Timeout&) -> aio::Task<> { co_await crash(); };
        co_await aio::async_with(cm2, body);
    } catch (const rules::Boom&) {
        log("caught ", rules::describe_current(), ", expired() ", cm2.expired());
    }
    log("cancelling() ", aio::current_task().cancelling());
    co_await aio::sleep(1);
    log("main goes on");
}
}  // namespace
