// Semaphore(2): at most two holders; waiters get the permits first come, first served.
// convention: timer-ties: timers fall due at the same moment; CPython leaves their order open, vloop and aio fire them in creation order
#include "rule_registry.hpp"

#include <tuple>
#include <vector>

namespace {
using rules::log;

aio::Task<> worker(std::string name, aio::Semaphore& sem, double start, double hold) {
    co_await aio::sleep(start);
    log(name, " wants a permit");
    {
        auto held = co_await aio::async_with(sem);
        log(name, " holds a permit");
        co_await aio::sleep(hold);
        log(name, " releases");
    }
}

AIO_RULE(semaphore_fifo) {
    aio::Semaphore sem(2);
    std::vector<std::tuple<std::string, double, double>> specs{
        {"w1", 0.0, 0.5}, {"w2", 0.0, 0.2}, {"w3", 0.1, 0.1}, {"w4", 0.05, 0.1}, {"w5", 0.15, 0.1}};
    std::vector<aio::Task<>> ws;
    for (auto& [n, s, h] : specs) ws.push_back(aio::create_task(worker(n, sem, s, h), n));
    for (auto& w : ws) co_await w;
    log("locked() ", sem.locked());
}
}  // namespace
