// asyncio.run's shutdown runs two more iterations after the last cancelled task ended (gather's
// callback, then run_until_complete's stop): a chain of call_soon callbacks that a task's cleanup
// starts gets exactly two links in.
#include "rule_registry.hpp"

namespace {
using rules::log;

void link(int n) {
    log("link ", n);
    if (n < 5) aio::EventLoop::get().call_soon([n] { link(n + 1); });
}

aio::Task<> leftover() {
    try {
        co_await aio::sleep(10);
    } catch (const aio::CancelledError&) {
        log("leftover cancelled, starts the chain");
        aio::EventLoop::get().call_soon([] { link(1); });
        throw;
    }
}

AIO_RULE(shutdown_callback_chain) {
    aio::create_task(leftover(), "leftover");
    co_await aio::sleep(0.5);
    log("main returns");
}
}  // namespace
