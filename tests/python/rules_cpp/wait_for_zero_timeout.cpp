// wait_for with timeout 0 (CPython 3.11): the task is cancelled before its first step,
// its body never runs, and TimeoutError is raised.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<int> body() {
    log("body runs (not reached)");
    co_return 1;
}

AIO_RULE(wait_for_zero_timeout) {
    try {
        co_await aio::wait_for(body(), 0);
    } catch (const aio::TimeoutError&) {
        log("caught ", rules::describe_current());
    }
}
}  // namespace
