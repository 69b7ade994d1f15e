// gather fails with the cancelled child's own CancelledError (its message) and takes it: the
// child hands its CancelledError out once, so awaiting the child afterwards raises a bare one.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> child(double delay) { co_await aio::sleep(delay); }

AIO_RULE(gather_takes_child_cancelled_error) {
    auto c = aio::create_task(child(1), "child");
    auto other = aio::create_task(child(2), "other");
    auto g = aio::gather(c, other);
    co_await aio::sleep(0.1);
    log("cancel child -> ", c.cancel("stop"));
    try {
        co_await g;
    } catch (const aio::CancelledError& e) {
        log("gather: ", rules::describe_current(), " '", e.message(), "'");
    }
    try {
        co_await c;
    } catch (const aio::CancelledError& e) {
        log("child awaited again: ", rules::describe_current(), " '", e.message(), "'");
    }
    other.cancel();
}
}  // namespace
