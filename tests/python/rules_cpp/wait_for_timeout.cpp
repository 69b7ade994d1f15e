// wait_for on timeout cancels the inner task, waits for its cleanup, then raises TimeoutError.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<int> slow() {
    bool cancelled = false;
    try {
        log("slow starts");
        co_await aio::sleep(1);
        log("slow done (not reached)");
        co_return 1;
    } catch (const aio::CancelledError&) {
        cancelled = true;
    }
    if (cancelled) {  // except CancelledError: (C++ cannot co_await inside a catch block)
        log("slow cancelled, cleanup");
        co_await aio::sleep(0.2);
        log("slow cleanup done");
        throw aio::CancelledError();
    }
    co_return 0;
}

AIO_RULE(wait_for_timeout) {
    try {
        co_await aio::wait_for(slow(), 0.5);
    } catch (const aio::TimeoutError&) {
        log("caught ", rules::describe_current());
    }
}
}  // namespace
