// Task.cancelling() counts cancel() requests; uncancel() counts them down but never below 0; a
// timeout scope entered with a request already pending still ends in TimeoutError when it expires.
#include "rule_registry.hpp"

#include <string>

namespace {
using rules::log;

aio::Task<std::string> stubborn() {
    for (int i = 0; i < 2; ++i) {
        try {
            co_await aio::sleep(1);
        } catch (const aio::CancelledError&) {
            log("stubborn swallows, cancelling() ", aio::current_task().cancelling());
        }
    }
    auto me = aio::current_task();
    try {
        co_await aio::timeout(0.5, [&](aio::Timeout&) -> aio::Task<> { co_await aio::sleep(1); });
    } catch (const aio::TimeoutError&) {
        log("stubborn: ", rules::describe_current(), ", cancelling() ", me.cancelling());
    }
    log("uncancel() -> ", me.uncancel());
    log("uncancel() -> ", me.uncancel());
    log("uncancel() -> ", me.uncancel());
    log("cancelling() ", me.cancelling());
    co_return "done";
}

AIO_RULE(cancelling_counts) {
    auto t = aio::create_task(stubborn(), "stubborn");
    const int fresh = t.cancelling();
    log("fresh: cancelling() ", fresh, " uncancel() -> ", t.uncancel());
    co_await aio::sleep(0.1);
    log("cancel() -> ", t.cancel());
    log("cancel() -> ", t.cancel());
    log("cancelling() ", t.cancelling());
    co_await aio::sleep(0.1);
    log("cancel() -> ", t.cancel());
    const std::string r = co_await t;
    log("result ", r);
    const int after = t.cancelling();
    log("after: cancelling() ", after, " cancel() -> ", t.cancel());
}
}  // namespace
