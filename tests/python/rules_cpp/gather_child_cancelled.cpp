// gather without return_exceptions: a child cancelled from outside makes the gather raise
// CancelledError; the other children keep running.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<std::string> job(std::string name, double delay) {
    co_await aio::sleep(delay);
    log(name, " done");
    co_return name;
}

AIO_RULE(gather_child_cancelled) {
    auto a = aio::create_task(job("a", 0.5), "a");
    auto b = aio::create_task(job("b", 1.0), "b");
    co_await aio::sleep(0.2);
    log("cancel a -> ", a.cancel());
    try {
        co_await aio::gather(a, b);
    } catch (const aio::CancelledError&) {
        log("gather raised ", rules::describe_current());
    }
    log("main not cancelled: cancelling() ", aio::current_task().cancelling());
    log("b result ", co_await b);
}
}  // namespace
