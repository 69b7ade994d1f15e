// A task that cancels itself and then awaits: the await raises CancelledError at once (its
// future is cancelled when the task yields it), with the message; a sleep is not waited out.
#include "rule_registry.hpp"

#include <string>

namespace {
using rules::log;

aio::Task<std::string> worker(std::string msg) {
    aio::current_task().cancel(msg);
    try {
        co_await aio::sleep(5);
        log("worker slept");
    } catch (const aio::CancelledError& e) {
        log("worker: ", rules::describe_current(), " '", e.message(), "'");
    }
    co_await aio::sleep(1);
    log("worker slept after swallowing");
    co_return msg.empty() ? std::string("none") : msg;
}

AIO_RULE(self_cancel_then_await) {
    for (const char* msg : {"", "stop"}) {
        auto t = aio::create_task(worker(msg), "worker");
        const std::string r = co_await t;
        log("result ", r);
    }
}
}  // namespace
