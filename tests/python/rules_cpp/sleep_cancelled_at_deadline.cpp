// A sleep cancelled by a callback due at the same moment as the sleep's own timer (the callback
// armed first, so it runs first): the timer finds the future cancelled and the sleep raises.
#include "rule_registry.hpp"

#include <optional>

namespace {
using rules::log;

aio::Task<> sleeper() {
    try {
        co_await aio::sleep(1);
        log("sleeper woke normally");
    } catch (const aio::CancelledError& e) {
        log("sleeper: ", rules::describe_current(), " '", e.message(), "'");
        throw;
    }
}

AIO_RULE(sleep_cancelled_at_deadline) {
    aio::EventLoop& loop = aio::EventLoop::get();
    std::optional<aio::Task<>> holder;
    auto cancel_it = [&holder] { log("cancel('now') -> ", holder->cancel("now")); };
    loop.call_later(1, cancel_it);
    auto t = aio::create_task(sleeper(), "sleeper");
    holder = t;
    try {
        co_await t;
    } catch (const aio::CancelledError& e) {
        log("main: ", rules::describe_current(), " '", e.message(), "'");
    }
    log("cancelled() ", t.cancelled());
}
}  // namespace
