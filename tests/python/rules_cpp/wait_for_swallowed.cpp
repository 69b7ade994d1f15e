// wait_for (CPython 3.11): if the inner task swallows the cancellation and returns a value
// after the timeout, wait_for returns that value instead of raising TimeoutError.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<std::string> stubborn() {
    try {
        co_await aio::sleep(1);
        co_return "in time";
    } catch (const aio::CancelledError&) {
        log("stubborn swallows CancelledError");
    }
    co_await aio::sleep(0.1);
    co_return "late";
}

AIO_RULE(wait_for_swallowed) {
    std::string r = co_await aio::wait_for(stubborn(), 0.3);
    log("wait_for returned ", r);
}
}  // namespace
