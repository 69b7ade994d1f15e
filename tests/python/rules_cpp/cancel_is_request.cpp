// cancel() only requests: it returns True, the task is not cancelled yet and keeps running
// until its next await, where CancelledError is raised.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> victim() {
    log("victim sleeps");
    try {
        co_await aio::sleep(1);
    } catch (const aio::CancelledError&) {
        log("victim: CancelledError at its sleep");
        throw;
    }
}

aio::Task<> self_canceller() {
    log("self: cancel() -> ", aio::current_task().cancel());
    log("self: still running after cancel()");
    int total = 0;
    for (int i = 0; i < 10; ++i) total += i;
    log("self: computed ", total);
    try {
        co_await aio::sleep(0);
        log("self: not reached");
    } catch (const aio::CancelledError&) {
        log("self: CancelledError at the next await");
        throw;
    }
}

AIO_RULE(cancel_is_request) {
    auto v = aio::create_task(victim(), "victim");
    co_await aio::sleep(0.1);
    log("cancel() -> ", v.cancel());
    log("cancelled() ", v.cancelled(), " done() ", v.done(), " cancelling() ", v.cancelling());
    log("main keeps running");
    co_await aio::sleep(0);
    log("cancelled() ", v.cancelled(), " done() ", v.done());
    auto s = aio::create_task(self_canceller(), "self");
    try {
        co_await s;
    } catch (const aio::CancelledError&) {
        log("main: awaiting self: ", rules::describe_current());
    }
    log("self cancelled() ", s.cancelled());
}
}  // namespace
