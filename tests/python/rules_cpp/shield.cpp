// shield: cancelling the task that awaits a shielded task does not cancel the inner task.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<std::string> inner() {
    log("inner starts");
    co_await aio::sleep(0.5);
    log("inner done");
    co_return "inner result";
}

aio::Task<std::string> outer(aio::Task<std::string> inner_task) {
    try {
        co_return co_await aio::shield(inner_task);
    } catch (const aio::CancelledError&) {
        log("outer: CancelledError");
        throw;
    }
}

AIO_RULE(shield) {
    auto it = aio::create_task(inner(), "inner");
    auto ot = aio::create_task(outer(it), "outer");
    co_await aio::sleep(0.1);
    log("cancel outer -> ", ot.cancel());
    try {
        co_await ot;
    } catch (const aio::CancelledError&) {
        log("main: outer raised ", rules::describe_current());
    }
    log("inner done? ", it.done(), " cancelled? ", it.cancelled());
    std::string r = co_await it;
    log("inner result: ", r);
}
}  // namespace
