// cancel() twice before the task runs: both return True and count (cancelling() == 2), but
// the task gets one CancelledError; if it swallows it, it runs on normally.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<std::string> stubborn() {
    try {
        co_await aio::sleep(1);
    } catch (const aio::CancelledError&) {
        log("stubborn: CancelledError, cancelling() ", aio::current_task().cancelling());
    }
    log("uncancel() -> ", aio::current_task().uncancel());
    co_await aio::sleep(0.5);
    log("stubborn slept on undisturbed");
    co_return "done";
}

AIO_RULE(cancel_twice) {
    auto s = aio::create_task(stubborn(), "stubborn");
    co_await aio::sleep(0.1);
    log("cancel() -> ", s.cancel());
    log("cancel() -> ", s.cancel());
    log("cancelling() ", s.cancelling());
    std::string r = co_await s;
    log("result ", r, ", cancelled() ", s.cancelled());
}
}  // namespace
