// CancelledError is raised at the await where the task is suspended (here a Queue.get),
// and the queue forgets the cancelled getter.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> consumer(aio::Queue<std::string>& q) {
    log("consumer: first sleep");
    co_await aio::sleep(0.1);
    log("consumer: waiting on get()");
    try {
        std::string item = co_await q.get();
        log("consumer got ", item, " (not reached)");
    } catch (const aio::CancelledError&) {
        log("consumer: CancelledError at get()");
        throw;
    }
}

AIO_RULE(cancel_at_await) {
    aio::Queue<std::string> q;
    auto c = aio::create_task(consumer(q), "consumer");
    co_await aio::sleep(0.5);
    c.cancel();
    try {
        co_await c;
    } catch (const aio::CancelledError&) {
        log("main: ", rules::describe_current());
    }
    q.put_nowait("x");
    log("qsize ", q.qsize());
    log("get_nowait ", q.get_nowait());
}
}  // namespace
