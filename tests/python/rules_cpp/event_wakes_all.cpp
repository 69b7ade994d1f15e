// Event.set() wakes every waiter, in the order they started waiting; wait() on a set event
// returns at once; clear() makes the next waiters block again.
#include "rule_registry.hpp"

#include <vector>

namespace {
using rules::log;

aio::Task<> waiter(std::string name, aio::Event& ev, double delay) {
    co_await aio::sleep(delay);
    log(name, " waits");
    co_await ev.wait();
    log(name, " woke");
}

AIO_RULE(event_wakes_all) {
    aio::Event ev;
    std::vector<aio::Task<>> ws;
    for (auto [n, d] : {std::pair{"a", 0.2}, std::pair{"b", 0.1}, std::pair{"c", 0.3}})
        ws.push_back(aio::create_task(waiter(n, ev, d), n));
    co_await aio::sleep(0.5);
    log("main sets the event");
    ev.set();
    for (auto& w : ws) co_await w;
    log("is_set() ", ev.is_set());
    co_await ev.wait();
    log("wait() on a set event returned");
    ev.clear();
    auto late = aio::create_task(waiter("late", ev, 0), "late");
    co_await aio::sleep(0.25);
    log("late done? ", late.done());
    ev.set();
    co_await late;
}
}  // namespace
