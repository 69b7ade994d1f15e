// Cleanup in except/finally may await; whoever awaits the cancelled task waits for it.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> worker() {
    std::exception_ptr error;  // try/finally: C++ cannot co_await in a catch block
    try {
        log("worker sleeps");
        co_await aio::sleep(10);
    } catch (...) {
        error = std::current_exception();
    }
    log("worker cleanup starts");
    co_await aio::sleep(0.5);
    log("worker cleanup done");
    if (error) std::rethrow_exception(error);
}

AIO_RULE(cancel_cleanup_awaits) {
    auto w = aio::create_task(worker(), "worker");
    co_await aio::sleep(0.1);
    w.cancel();
    log("main cancelled worker");
    try {
        co_await w;
    } catch (const aio::CancelledError&) {
        log("main: ", rules::describe_current());
    }
    log("worker cancelled? ", w.cancelled());
}
}  // namespace
