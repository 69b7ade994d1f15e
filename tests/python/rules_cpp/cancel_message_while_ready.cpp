// cancel(msg) of a task that is ready to run (it yielded with sleep(0), or its sleep just ended):
// nothing to cancel in its place, so __step throws CancelledError(msg) into it.
// convention: timer-ties: timers fall due at the same moment; CPython leaves their order open, vloop and aio fire them in creation order
#include "rule_registry.hpp"

#include <string>
#include <vector>

namespace {
using rules::log;

aio::Task<> yielder() {
    try {
        co_await aio::sleep(0);
        log("yielder not cancelled");
    } catch (const aio::CancelledError& e) {
        log("yielder: ", rules::describe_current(), " '", e.message(), "'");
        throw;
    }
}

aio::Task<> sleeper() {
    try {
        co_await aio::sleep(1);
        log("sleeper not cancelled");
    } catch (const aio::CancelledError& e) {
        log("sleeper: ", rules::describe_current(), " '", e.message(), "'");
        throw;
    }
}

AIO_RULE(cancel_message_while_ready) {
    auto y = aio::create_task(yielder(), "yielder");
    co_await aio::sleep(0);
    log("cancel yielder -> ", y.cancel("while queued"));
    auto s = aio::create_task(sleeper(), "sleeper");
    co_await aio::sleep(1);  // armed before the sleeper's timer: this task runs first at t=1
    const bool done = s.done();
    log("sleeper done() ", done, "; cancel -> ", s.cancel("woken"));
    std::vector<aio::Task<>> both{y, s};  // (GCC 12: no braced list in a coroutine's range-for)
    for (auto& t : both) {
        bool cancelled = false;
        std::string message;
        try {
            co_await t;
        } catch (const aio::CancelledError& e) {
            cancelled = true;
            message = e.message();
        }
        if (cancelled) log("main: ", t.name(), " CancelledError '", message, "'");
    }
}
}  // namespace
