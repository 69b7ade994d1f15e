// An exception escaping main ends the run: the other tasks are cancelled and cleaned up
// first, then run() raises it.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> background() {
    try {
        co_await aio::sleep(10);
    } catch (const aio::CancelledError&) {
        log("background cancelled");
        throw;
    }
}

AIO_RULE(run_main_raises) {
    aio::create_task(background(), "background");
    co_await aio::sleep(0.5);
    log("main raises");
    throw rules::Boom("main");
}
}  // namespace
