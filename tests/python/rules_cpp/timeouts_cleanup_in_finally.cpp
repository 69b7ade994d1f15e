// Cleanup code running while a timeout's cancellation unwinds the body may open its own
// timeout scope: entered with the outer request pending (cancelling() 1), it still raises its
// own TimeoutError when it expires; then the outer scope raises TimeoutError as usual.
// From CPython 3.11 Lib/test/test_asyncio/test_timeouts.py: TimeoutTests.test_nested_timeout_in_finally.
#include "rule_registry.hpp"

namespace {
using rules::log;

AIO_RULE(timeouts_cleanup_in_finally) {
    aio::TaskRef me = aio::current_task();
    try {
        auto body = [&](aio::Timeout&) -> aio::Task<> {
            std::exception_ptr pending;
            try {
                co_await aio::sleep(1);
                log("not reached");
            } catch (...) {
                pending = std::current_exception();
            }
            // finally: (C++ cannot co_await inside a catch block)
            log("cleanup starts, cancelling() ", me.cancelling());
            try {
                auto cleanup = [](aio::Timeout&) -> aio::Task<> { co_await aio::sleep(10); };
                co_await aio::timeout(0.3, cleanup);
            } catch (const aio::TimeoutError&) {
                log("cleanup timed out: ", rules::describe_current(), ", cancelling() ", me.cancelling());
            }
            log("cleanup done");
            if (pending) std::rethrow_exception(pending);
        };
        co_await aio::timeout(0.5, body);
    } catch (const aio::TimeoutError&) {
        log("outer scope raised ", rules::describe_current());
    }
    log("cancelling() ", me.cancelling());
}
}  // namespace
