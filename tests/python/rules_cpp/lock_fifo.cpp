// Lock: one holder at a time; waiters get it first come, first served.
#include "rule_registry.hpp"

#include <vector>

namespace {
using rules::log;

aio::Task<> worker(std::string name, aio::Lock& lock, double start) {
    co_await aio::sleep(start);
    log(name, " wants the lock");
    {
        auto held = co_await aio::async_with(lock);
        log(name, " holds the lock");
        co_await aio::sleep(0.2);
    }
    log(name, " released");
}

AIO_RULE(lock_fifo) {
    aio::Lock lock;
    std::vector<aio::Task<>> ws;
    for (auto [n, s] : {std::pair{"a", 0.0}, std::pair{"b", 0.1}, std::pair{"c", 0.05}, std::pair{"d", 0.15}})
        ws.push_back(aio::create_task(worker(n, lock, s), n));
    for (auto& w : ws) co_await w;
    log("locked() ", lock.locked());
}
}  // namespace
