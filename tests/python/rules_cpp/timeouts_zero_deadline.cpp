// A timeout whose deadline is now or already past (timeout(0), timeout(-11)) fires before the
// body's first await comes back: even a bare sleep(0) gets CancelledError, the scope raises
// TimeoutError with no time passing, expired() is True and when() is the deadline asked for.
// From CPython 3.11 Lib/test/test_asyncio/test_timeouts.py: TimeoutTests.test_timeout_zero,
// test_timeout_zero_sleep_zero, test_timeout_in_the_past_sleep_zero.
#include "rule_registry.hpp"

namespace {
using rules::fmt3;
using rules::log;

aio::Task<> attempt(std::string label, double delay, double pause) {
    aio::Timeout cm = aio::timeout(delay);
    try {
        auto body = [&](aio::Timeout& cm) -> aio::Task<> {
            log(label, ": body starts, when ", fmt3(*cm.when()));
            co_await aio::sleep(pause);
            log(label, ": not reached");
        };
        co_await aio::async_with(cm, body);
    } catch (const aio::TimeoutError&) {
        log(label, ": ", rules::describe_current(), ", expired() ", cm.expired(), ", when ", fmt3(*cm.when()));
    }
}

AIO_RULE(timeouts_zero_deadline) {
    co_await aio::sleep(1);
    co_await attempt("timeout(0) sleep(10)", 0, 10);
    co_await attempt("timeout(0) sleep(0)", 0, 0);
    co_await attempt("timeout(-11) sleep(0)", -11, 0);
    log("cancelling() ", aio::current_task().cancelling());
}
}  // namespace
