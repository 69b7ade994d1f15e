// gather returns results in argument order, whatever order the tasks finish in.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<int> job(std::string name, double delay, int value) {
    log(name, " starts");
    co_await aio::sleep(delay);
    log(name, " done");
    co_return value;
}

AIO_RULE(gather_order) {
    auto [r0, r1, r2] = co_await aio::gather(job("slow", 0.3, 1), job("fast", 0.1, 2), job("mid", 0.2, 3));
    log("results ", r0, " ", r1, " ", r2);
}
}  // namespace
