// shield forwards the inner task's outcome to its awaiter also when the inner task returns
// nothing: its exception is raised, and an inner task that ends cancelled makes the shield
// raise CancelledError (the awaiting task itself was not cancelled).
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> fails() {
    co_await aio::sleep(0.1);
    throw rules::Boom("inner");
}

aio::Task<> sleeps() { co_await aio::sleep(1); }

AIO_RULE(shield_forwards_outcome) {
    try {
        co_await aio::shield(fails());
        log("shield returned");
    } catch (const rules::Boom&) {
        log("shield raised ", rules::describe_current());
    }
    auto inner = aio::create_task(sleeps(), "inner");
    auto cancel_inner = [inner]() mutable { inner.cancel(); };
    aio::EventLoop::get().call_later(0.1, cancel_inner);
    try {
        co_await aio::shield(inner);
        log("shield returned");
    } catch (const aio::CancelledError&) {
        log("shield raised ", rules::describe_current(), ", cancelling() ", aio::current_task().cancelling());
    }
    log("inner cancelled() ", inner.cancelled());
}
}  // namespace
