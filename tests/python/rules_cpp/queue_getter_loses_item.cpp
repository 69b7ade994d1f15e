// A woken get() that loses its item to a task that did not wait (get_nowait) goes back to
// the end of the line.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> getter(std::string name, aio::Queue<std::string>& q) {
    log(name, " waits");
    std::string item = co_await q.get();
    log(name, " got ", item);
}

AIO_RULE(queue_getter_loses_item) {
    aio::Queue<std::string> q;
    auto g1 = aio::create_task(getter("g1", q), "g1");
    auto g2 = aio::create_task(getter("g2", q), "g2");
    co_await aio::sleep(0.1);
    q.put_nowait("x");
    log("main put x (wakes g1) and takes it back at once");
    log("main got ", q.get_nowait());
    co_await aio::sleep(0.1);
    q.put_nowait("y");
    log("main put y");
    co_await aio::sleep(0.1);
    q.put_nowait("z");
    log("main put z");
    co_await g1;
    co_await g2;
}
}  // namespace
