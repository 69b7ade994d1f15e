// Blocked put() callers of a full queue are served first come, first served.
#include "rule_registry.hpp"

#include <vector>

namespace {
using rules::log;

aio::Task<> putter(std::string name, aio::Queue<std::string>& q, double delay) {
    co_await aio::sleep(delay);
    log(name, " waits to put");
    co_await q.put(name);
    log(name, " put");
}

AIO_RULE(queue_putters_fifo) {
    aio::Queue<std::string> q(1);
    q.put_nowait("first");
    std::vector<aio::Task<>> ps;
    for (auto [n, d] : {std::pair{"p1", 0.2}, std::pair{"p2", 0.1}, std::pair{"p3", 0.3}})
        ps.push_back(aio::create_task(putter(n, q, d), n));
    co_await aio::sleep(0.5);
    for (int i = 0; i < 4; ++i) {
        log("main got ", co_await q.get());
        co_await aio::sleep(0.1);
    }
    for (auto& p : ps) co_await p;
}
}  // namespace
