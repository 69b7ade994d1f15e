// A coroutine object can be awaited once; awaiting it again raises RuntimeError.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<int> job() {
    co_await aio::sleep(0.1);
    co_return 5;
}

AIO_RULE(coroutine_reuse) {
    auto c = job();
    log("first await ", co_await c);
    try {
        co_await c;
    } catch (const aio::RuntimeError&) {
        log("second await: caught ", rules::describe_current());
    }
}
}  // namespace
