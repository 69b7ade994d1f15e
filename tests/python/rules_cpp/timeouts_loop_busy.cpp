// Nested timeouts while the loop is held by a blocking call (time.sleep in the body): the
// deadlines that passed meanwhile fire together at the next await, earliest first. When only
// the outer one passed, the inner scope lets CancelledError through and the outer raises
// TimeoutError. When both passed, the task gets two cancel requests and one CancelledError:
// the inner scope sees a request that is not its own and lets it through, so the outer raises
// TimeoutError at once.
// From CPython 3.11 Lib/test/test_asyncio/test_timeouts.py: TimeoutTests.test_nested_timeouts_concurrent,
// test_nested_timeouts_loop_busy.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> nested(std::string label, double outer_delay, double inner_delay, double busy) {
    aio::TaskRef me = aio::current_task();
    try {
        auto outer_body = [&](aio::Timeout&) -> aio::Task<> {
            try {
                auto inner_body = [&](aio::Timeout&) -> aio::Task<> {
                    aio::blocking_sleep(busy);
                    log(label, ": blocking call returns");
                    co_await aio::sleep(10);
                    log(label, ": not reached");
                };
                co_await aio::timeout(inner_delay, inner_body);
            } catch (const aio::TimeoutError&) {
                log(label, ": inner scope raised ", rules::describe_current());
            } catch (const aio::CancelledError&) {
                log(label, ": inner scope let ", rules::describe_current(), " out, cancelling() ", me.cancelling());
                throw;
            }
            co_await aio::sleep(10);
            log(label, ": not reached either");
        };
        co_await aio::timeout(outer_delay, outer_body);
    } catch (const aio::TimeoutError&) {
        log(label, ": outer scope raised ", rules::describe_current(), ", cancelling() ", me.cancelling());
    }
}

AIO_RULE(timeouts_loop_busy) {
    co_await nested("outer passed", 0.2, 1.0, 0.5);
    co_await nested("both passed", 1.0, 0.1, 1.0);
}
}  // namespace
