// Condition: notify() wakes the longest waiting task, notify(n) the next n, notify_all() the
// rest; a woken waiter returns from wait() (True) only once it holds the lock again, so they
// come back one at a time, and not before the notifier releases. notify() and wait() need the
// lock (RuntimeError).
#include "rule_registry.hpp"

#include <vector>

namespace {
using rules::log;

aio::Task<> waiter(std::string name, aio::Condition& cond, double start) {
    co_await aio::sleep(start);
    {
        auto held = co_await aio::async_with(cond);
        log(name, " waits");
        bool r = co_await cond.wait();
        log(name, " woken -> ", r, " locked() ", cond.locked());
        co_await aio::sleep(0.1);
    }
    log(name, " released");
}

AIO_RULE(condition_notify_fifo) {
    aio::Condition cond;
    std::vector<aio::Task<>> ws;
    for (auto [n, s] : {std::pair{"a", 0.0}, std::pair{"b", 0.2}, std::pair{"c", 0.1}, std::pair{"d", 0.3},
                        std::pair{"e", 0.4}})
        ws.push_back(aio::create_task(waiter(n, cond, s), n));
    co_await aio::sleep(1);
    {
        auto held = co_await aio::async_with(cond);
        cond.notify();
        log("notify() while holding the lock");
        co_await aio::sleep(0.5);
        log("main releases");
    }
    co_await aio::sleep(1);
    {
        auto held = co_await aio::async_with(cond);
        cond.notify(2);
        log("notify(2)");
    }
    co_await aio::sleep(1);
    {
        auto held = co_await aio::async_with(cond);
        cond.notify_all();
        log("notify_all()");
    }
    for (auto& w : ws) co_await w;
    {
        auto held = co_await aio::async_with(cond);
        cond.notify_all();
        log("notify_all() with no waiter");
    }
    try {
        cond.notify();
    } catch (const aio::RuntimeError& e) {
        log("notify() without the lock: ", rules::describe_current(), " ", e.what());
    }
    try {
        co_await cond.wait();
    } catch (const aio::RuntimeError& e) {
        log("wait() without the lock: ", rules::describe_current(), " ", e.what());
    }
    log("locked() ", cond.locked());
}
}  // namespace
