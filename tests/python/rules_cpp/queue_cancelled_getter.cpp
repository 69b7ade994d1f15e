// A getter that was woken and then cancelled before it ran passes its wake-up on:
// the next getter gets the item.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> getter(std::string name, aio::Queue<std::string>& q) {
    try {
        std::string item = co_await q.get();
        log(name, " got ", item);
    } catch (const aio::CancelledError&) {
        log(name, " cancelled");
        throw;
    }
}

AIO_RULE(queue_cancelled_getter) {
    aio::Queue<std::string> q;
    auto g1 = aio::create_task(getter("g1", q), "g1");
    auto g2 = aio::create_task(getter("g2", q), "g2");
    co_await aio::sleep(0.1);
    q.put_nowait("x");
    log("main put x and cancels g1 -> ", g1.cancel());
    try {
        co_await g1;
    } catch (const aio::CancelledError&) {
        log("g1: ", rules::describe_current());
    }
    co_await g2;
    log("qsize ", q.qsize());
}
}  // namespace
