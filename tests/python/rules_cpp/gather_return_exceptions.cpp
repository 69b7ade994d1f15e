// gather(return_exceptions=True) waits for everyone and returns errors (and cancellations)
// as results, in argument order.
#include "rule_registry.hpp"

#include <tuple>

namespace {
using rules::describe;
using rules::log;

aio::Task<int> job(std::string name, double delay, int value) {
    co_await aio::sleep(delay);
    log(name, " done");
    co_return value;
}

aio::Task<int> failing(std::string name, double delay) {
    co_await aio::sleep(delay);
    log(name, " raises");
    throw rules::Boom(name);
}

aio::Task<> cancel_later(aio::Task<int> task, double delay) {
    co_await aio::sleep(delay);
    log("canceller cancels victim");
    task.cancel();
}

AIO_RULE(gather_return_exceptions) {
    auto victim = aio::create_task(job("victim", 1.0, 3), "victim");
    auto canceller = aio::create_task(cancel_later(victim, 0.2), "canceller");
    auto results = co_await aio::gather(aio::return_exceptions, job("ok", 0.3, 1), failing("bad", 0.1), victim);
    std::apply(
        [](const auto&... r) {
            ((r.ok() ? log("result ", r.value()) : log("result ", describe(r.error()))), ...);
        },
        results);
    co_await canceller;
}
}  // namespace
