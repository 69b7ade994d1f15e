// Deadlock report: a task swallows its cancellation and then waits for an event nobody sets,
// leaving main waiting for it forever.
// convention: deadlock-report: CPython would wait here forever; vloop and aio report the deadlock and cancel what is left
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> stubborn(aio::Event& ev) {
    try {
        co_await aio::sleep(1);
    } catch (const aio::CancelledError&) {
        log("stubborn swallows the cancel and waits for the event");
    }
    try {
        co_await ev.wait();
    } catch (const aio::CancelledError&) {
        log("stubborn cancelled again at shutdown");
        throw;
    }
}

AIO_RULE(deadlock_swallowed_cancel) {
    aio::Event ev;
    auto s = aio::create_task(stubborn(ev), "stubborn");
    co_await aio::sleep(0.1);
    s.cancel();
    log("main cancelled stubborn and awaits it");
    try {
        co_await s;
    } catch (const aio::CancelledError&) {
        log("main: CancelledError while awaiting stubborn");
        throw;
    }
}
}  // namespace
