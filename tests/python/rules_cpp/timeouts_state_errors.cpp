// A Timeout can be entered once and rescheduled only while active: reschedule() before the
// block ("created"), inside the block after it fired ("expiring"), or entering it a second
// time raise RuntimeError. A body that swallows the timeout's CancelledError ends the block
// without TimeoutError, and the scope still takes its cancel request back.
// From CPython 3.11 Lib/test/test_asyncio/test_timeouts.py: TimeoutTests.test_timeout_not_entered,
// test_timeout_expiring, test_timeout_double_enter, test_timeout_already_entered.
#include "rule_registry.hpp"

namespace {
using rules::log;

AIO_RULE(timeouts_state_errors) {
    aio::TaskRef me = aio::current_task();
    aio::Timeout cm = aio::timeout(0.5);
    try {
        cm.reschedule(1.0);
    } catch (const aio::RuntimeError&) {
        log("reschedule before the block: ", rules::describe_current());
    }
    auto body = [&](aio::Timeout&) -> aio::Task<> {
        try {
            co_await aio::sleep(1);
        } catch (const aio::CancelledError&) {
            log("body swallows ", rules::describe_current(), ", expired() ", cm.expired(), ", cancelling() ",
                me.cancelling());
        }
        try {
            cm.reschedule(2.0);
        } catch (const aio::RuntimeError&) {
            log("reschedule while expiring: ", rules::describe_current());
        }
        try {
            auto again = [](aio::Timeout&) -> aio::Task<> {
                log("not reached");
                co_return;
            };
            co_await aio::async_with(cm, again);
        } catch (const aio::RuntimeError&) {
            log("entering it again inside: ", rules::describe_current());
        }
    };
    co_await aio::async_with(cm, body);
    log("block ended without TimeoutError, cancelling() ", me.cancelling());
    aio::Timeout cm2 = aio::timeout(1.0);
    auto short_body = [](aio::Timeout&) -> aio::Task<> { co_await aio::sleep(0.1); };
    co_await aio::async_with(cm2, short_body);
    try {
        auto again = [](aio::Timeout&) -> aio::Task<> {
            log("not reached");
            co_return;
        };
        co_await aio::async_with(cm2, again);
    } catch (const aio::RuntimeError&) {
        log("entering a finished one again: ", rules::describe_current());
    }
    co_await aio::sleep(2);
    log("no late timeout");
}
}  // namespace
