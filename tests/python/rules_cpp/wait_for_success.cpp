// wait_for returns the result when the task beats the timeout; the timer is disarmed.
// An error inside propagates unchanged.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<std::string> fast() {
    co_await aio::sleep(0.2);
    log("fast done");
    co_return "fast result";
}

aio::Task<> failing() {
    co_await aio::sleep(0.1);
    throw rules::Boom("inner");
}

AIO_RULE(wait_for_success) {
    std::string r = co_await aio::wait_for(fast(), 0.5);
    log("got ", r);
    try {
        co_await aio::wait_for(failing(), 0.5);
    } catch (const rules::Boom&) {
        log("caught ", rules::describe_current());
    }
    co_await aio::sleep(1);
    log("no timeout fired");
}
}  // namespace
