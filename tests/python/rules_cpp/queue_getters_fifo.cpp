// Blocked get() callers are served first come, first served.
#include "rule_registry.hpp"

#include <vector>

namespace {
using rules::log;

aio::Task<> getter(std::string name, aio::Queue<std::string>& q, double delay) {
    co_await aio::sleep(delay);
    log(name, " waits");
    std::string item = co_await q.get();
    log(name, " got ", item);
}

AIO_RULE(queue_getters_fifo) {
    aio::Queue<std::string> q;
    std::vector<aio::Task<>> gs;
    for (auto [n, d] : {std::pair{"g1", 0.3}, std::pair{"g2", 0.1}, std::pair{"g3", 0.2}})
        gs.push_back(aio::create_task(getter(n, q, d), n));
    co_await aio::sleep(0.5);
    for (std::string item : {"x", "y", "z"}) q.put_nowait(item);
    log("main put x y z");
    for (auto& g : gs) co_await g;
}
}  // namespace
