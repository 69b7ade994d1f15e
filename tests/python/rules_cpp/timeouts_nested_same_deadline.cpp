// Two nested timeout scopes with the same deadline: both fire (the task gets two cancel
// requests, one CancelledError), both are expired(), but only the outermost turns the
// cancellation into TimeoutError; the inner one lets CancelledError through.
// From CPython 3.11 Lib/test/test_asyncio/test_timeouts.py: TimeoutTests.test_nested_timeouts.
#include "rule_registry.hpp"

namespace {
using rules::log;

AIO_RULE(timeouts_nested_same_deadline) {
    double deadline = aio::time() + 0.5;
    aio::Timeout outer = aio::timeout_at(deadline);
    aio::Timeout inner = aio::timeout_at(deadline);
    try {
        auto outer_body = [&](aio::Timeout&) -> aio::Task<> {
            try {
                auto inner_body = [&](aio::Timeout&) -> aio::Task<> {
                    co_await aio::sleep(10);
                    log("not reached");
                };
                co_await aio::async_with(inner, inner_body);
            } catch (const aio::CancelledError&) {
                log("inner scope let ", rules::describe_current(), " out, cancelling() ",
                    aio::current_task().cancelling());
                throw;
            } catch (const aio::TimeoutError&) {
                log("inner scope raised TimeoutError");
            }
        };
        co_await aio::async_with(outer, outer_body);
    } catch (const aio::TimeoutError&) {
        log("outer scope raised ", rules::describe_current());
    }
    log("outer expired() ", outer.expired(), ", inner expired() ", inner.expired());
    log("cancelling() ", aio::current_task().cancelling());
}
}  // namespace
