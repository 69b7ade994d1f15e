// Cancelling a task that awaits gather cancels every child of the gather.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> child(std::string name, double delay) {
    try {
        co_await aio::sleep(delay);
        log(name, " done");
    } catch (const aio::CancelledError&) {
        log(name, " cancelled");
        throw;
    }
}

aio::Task<> wrapper() {
    try {
        co_await aio::gather(child("c1", 1.0), child("c2", 2.0), child("c3", 0.05));
    } catch (const aio::CancelledError&) {
        log("wrapper got CancelledError");
        throw;
    }
}

AIO_RULE(gather_cancel) {
    auto w = aio::create_task(wrapper(), "wrapper");
    co_await aio::sleep(0.1);
    log("cancel() -> ", w.cancel());
    try {
        co_await w;
    } catch (const aio::CancelledError&) {
        log("caught ", rules::describe_current());
    }
    log("wrapper cancelled? ", w.cancelled());
}
}  // namespace
