// put_nowait() wakes the first getter whose future is not done: a getter cancelled a moment ago
// (still in the line, its task not run yet) is skipped and the next getter gets the item.
#include "rule_registry.hpp"

#include <string>

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

AIO_RULE(queue_put_skips_cancelled_getter) {
    aio::Queue<std::string> q;
    auto g1 = aio::create_task(getter("g1", q), "g1");
    auto g2 = aio::create_task(getter("g2", q), "g2");
    co_await aio::sleep(0);
    log("cancel g1 -> ", g1.cancel());
    q.put_nowait("x");
    log("put x");
    co_await aio::gather(aio::return_exceptions, g1, g2);
    log("qsize ", q.qsize());
}
}  // namespace
