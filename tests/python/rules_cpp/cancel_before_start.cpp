// A task cancelled before its first step never runs its body.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<int> body() {
    log("body runs (not reached)");
    co_return 1;
}

AIO_RULE(cancel_before_start) {
    auto t = aio::create_task(body(), "body");
    log("cancel() -> ", t.cancel());
    co_await aio::sleep(0);
    log("done() ", t.done(), " cancelled() ", t.cancelled());
    try {
        co_await t;
    } catch (const aio::CancelledError&) {
        log("await: ", rules::describe_current());
    }
}
}  // namespace
