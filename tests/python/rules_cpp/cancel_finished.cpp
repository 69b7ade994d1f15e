// cancel() on a finished task does nothing and returns False.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<int> value() { co_return 7; }

aio::Task<> failing() {
    throw rules::Boom("f");
    co_return;
}

AIO_RULE(cancel_finished) {
    auto v = aio::create_task(value(), "value");
    auto f = aio::create_task(failing(), "failing");
    co_await aio::sleep(0);
    log("value: cancel() -> ", v.cancel(), " cancelled() ", v.cancelled(), " result ", v.result());
    log("failing: cancel() -> ", f.cancel(), " cancelled() ", f.cancelled());
    try {
        co_await f;
    } catch (const rules::Boom&) {
        log("failing: await raises ", rules::describe_current());
    }
}
}  // namespace
