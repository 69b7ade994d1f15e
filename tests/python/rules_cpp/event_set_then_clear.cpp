// Event: set() wakes the waiters that are waiting now; a clear() right after does not stop them.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> waiter(std::string name, aio::Event& ev) {
    co_await ev.wait();
    log(name, " woke, is_set() ", ev.is_set());
}

AIO_RULE(event_set_then_clear) {
    aio::Event ev;
    auto a = aio::create_task(waiter("a", ev), "a");
    auto b = aio::create_task(waiter("b", ev), "b");
    co_await aio::sleep(0.1);
    ev.set();
    ev.clear();
    log("main set and cleared the event");
    co_await a;
    co_await b;
}
}  // namespace
