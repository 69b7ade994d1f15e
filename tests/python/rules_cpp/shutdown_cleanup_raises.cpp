// A task cancelled by asyncio.run's shutdown whose cleanup raises: the shutdown gathers the
// cancelled tasks (return_exceptions=True), which reads the error, so it is not reported as
// "Task exception was never retrieved".
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> leftover() {
    try {
        co_await aio::sleep(10);
    } catch (const aio::CancelledError&) {
        log("leftover cancelled, its cleanup raises");
        throw rules::Boom("cleanup");
    }
}

AIO_RULE(shutdown_cleanup_raises) {
    aio::create_task(leftover(), "leftover");
    co_await aio::sleep(0.5);
    log("main returns");
}
}  // namespace
