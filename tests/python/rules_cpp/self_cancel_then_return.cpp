// A task that cancels itself (current_task().cancel() or t.cancel() on its own handle) and then
// returns normally ends cancelled, with cancel()'s message: the value it returned is lost.
#include "rule_registry.hpp"

#include <optional>

namespace {
using rules::log;

aio::Task<int> via_current_task() {
    log("via_current_task: cancel() -> ", aio::current_task().cancel());
    log("via_current_task returns 1");
    co_return 1;
}

aio::Task<int> via_handle(std::optional<aio::Task<int>>& self) {
    log("via_handle: cancel('bye') -> ", self->cancel("bye"));
    log("via_handle cancelling() ", self->cancelling());
    co_return 2;
}

AIO_RULE(self_cancel_then_return) {
    auto t = aio::create_task(via_current_task(), "via_current_task");
    co_await aio::sleep(0);
    log("done() ", t.done(), " cancelled() ", t.cancelled());
    try {
        const int r = co_await t;
        log("result ", r);
    } catch (const aio::CancelledError& e) {
        log("await: ", rules::describe_current(), " '", e.message(), "'");
    }

    std::optional<aio::Task<int>> self;
    auto u = aio::create_task(via_handle(self), "via_handle");
    self = u;
    co_await aio::sleep(0);
    log("done() ", u.done(), " cancelled() ", u.cancelled());
    try {
        const int r = co_await u;
        log("result ", r);
    } catch (const aio::CancelledError& e) {
        log("await: ", rules::describe_current(), " '", e.message(), "'");
    }
    auto [r0] = co_await aio::gather(aio::return_exceptions, via_current_task());
    std::string message;
    try {
        r0.value();
    } catch (const aio::CancelledError& e) {
        message = e.message();
    }
    log("gather(return_exceptions) -> ", rules::describe(r0.error()), " '", message, "'");
}
}  // namespace
