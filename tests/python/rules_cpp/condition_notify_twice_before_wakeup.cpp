// Condition.notify(1) twice before the first woken task has run: the second notify skips the
// waiter already woken and wakes the next one (two wake up, not one).
#include "rule_registry.hpp"

#include <string>
#include <vector>

namespace {
using rules::log;

aio::Task<> waiter(std::string name, aio::Condition& cond) {
    auto held = co_await aio::async_with(cond);
    co_await cond.wait();
    log(name, " woken");
}

AIO_RULE(condition_notify_twice_before_wakeup) {
    aio::Condition cond;
    std::vector<aio::Task<>> tasks;
    for (const char* n : {"w1", "w2", "w3"}) tasks.push_back(aio::create_task(waiter(n, cond), n));
    co_await aio::sleep(0);
    {
        auto held = co_await aio::async_with(cond);
        cond.notify(1);
        cond.notify(1);
        log("notify(1) twice");
    }
    co_await aio::sleep(1);
    {
        auto held = co_await aio::async_with(cond);
        cond.notify_all();
        log("notify_all()");
    }
    co_await aio::gather(tasks);
}
}  // namespace
