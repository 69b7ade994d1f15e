// A task that catches CancelledError and returns normally is not cancelled:
// it finishes with its result (its cancelling() count stays 1).
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<std::string> stubborn() {
    try {
        co_await aio::sleep(1);
        co_return "slept";
    } catch (const aio::CancelledError&) {
        log("stubborn swallows CancelledError");
    }
    co_await aio::sleep(0.2);
    log("stubborn keeps working");
    co_return "swallowed";
}

AIO_RULE(cancel_swallowed) {
    auto s = aio::create_task(stubborn(), "stubborn");
    co_await aio::sleep(0.1);
    log("cancel() -> ", s.cancel());
    std::string r = co_await s;
    log("result ", r);
    log("cancelled() ", s.cancelled(), " cancelling() ", s.cancelling());
}
}  // namespace
