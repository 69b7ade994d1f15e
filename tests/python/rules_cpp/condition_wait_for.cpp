// Condition.wait_for(predicate): the predicate is checked first, then after every wake-up, with
// the lock held; wait_for returns its value once it is true (at once, without yielding, if it
// already is). notify_all() wakes both consumers: the first to get the lock back takes the item,
// the second finds the predicate false and waits again.
#include "rule_registry.hpp"

#include <string>
#include <vector>

namespace {
using rules::log;

aio::Task<> consumer(std::string name, aio::Condition& cond, std::vector<std::string>& items) {
    auto held = co_await aio::async_with(cond);
    auto ready = [&] {
        log(name, " checks: ", items.size(), " item(s), locked() ", cond.locked());
        return !items.empty();
    };
    bool r = co_await cond.wait_for(ready);
    std::string item = items.front();
    items.erase(items.begin());
    log(name, " got ", item, " (wait_for -> ", r, ")");
}

aio::Task<> bystander() {
    for (int i = 0; i < 3; ++i) {
        log("bystander ", i);
        co_await aio::sleep(0);
    }
}

AIO_RULE(condition_wait_for) {
    aio::Condition cond;
    std::vector<std::string> items;
    std::vector<aio::Task<>> cs;
    for (const char* n : {"a", "b"}) cs.push_back(aio::create_task(consumer(n, cond, items), n));
    co_await aio::sleep(0.1);
    {
        auto held = co_await aio::async_with(cond);
        items.push_back("x");
        cond.notify_all();
        log("put x, notify_all()");
    }
    co_await aio::sleep(0.1);
    {
        auto held = co_await aio::async_with(cond);
        items.push_back("y");
        cond.notify();
        log("put y, notify()");
    }
    for (auto& c : cs) co_await c;
    auto b = aio::create_task(bystander(), "bystander");
    {
        auto held = co_await aio::async_with(cond);
        auto always = [] { return true; };
        bool r = co_await cond.wait_for(always);
        log("wait_for(true) -> ", r, " without yielding");
    }
    co_await b;
}
}  // namespace
