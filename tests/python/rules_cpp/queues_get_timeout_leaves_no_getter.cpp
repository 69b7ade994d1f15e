// From CPython 3.11 Lib/test/test_asyncio/test_queues.py: QueueGetTests.test_cancelled_getters_not_being_held_in_self_getters,
// test_blocking_get_wait and QueuePutTests.test_blocking_put_wait. A get() or put() given up by
// wait_for's timeout leaves no waiter behind: the next put_nowait (or get_nowait) wakes the
// getter (putter) that is really waiting, and a call_later put or get wakes a blocked one on time.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> getter(std::string name, aio::Queue<std::string>& q) {
    std::string item = co_await q.get();
    log(name, " got ", item);
}

aio::Task<std::string> get(aio::Queue<std::string>& q) { co_return co_await q.get(); }

aio::Task<> put(aio::Queue<std::string>& q, std::string item) { co_await q.put(std::move(item)); }

AIO_RULE(queues_get_timeout_leaves_no_getter) {
    aio::EventLoop& loop = aio::get_running_loop();
    aio::Queue<std::string> q(1);
    try {
        co_await aio::wait_for(get(q), 0.1);
    } catch (const aio::TimeoutError&) {
        log("get: ", rules::describe_current());
    }
    auto g = aio::create_task(getter("g", q), "g");
    co_await aio::sleep(0);
    q.put_nowait("x");
    co_await aio::sleep(0);
    log("g.done() ", g.done(), " qsize ", q.qsize());

    q.put_nowait("y");
    try {
        co_await aio::wait_for(put(q, "z"), 0.1);
    } catch (const aio::TimeoutError&) {
        log("put: ", rules::describe_current(), " qsize ", q.qsize());
    }
    aio::TimerHandle h1 = loop.call_later(0.2, [&q] { q.get_nowait(); });
    co_await q.put("w");
    log("put w after a call_later get_nowait, qsize ", q.qsize());

    auto g2 = aio::create_task(getter("g2", q), "g2");
    co_await aio::sleep(0);
    log("g2.done() ", g2.done());
    co_await g2;
    aio::TimerHandle h2 = loop.call_later(0.3, [&q] { q.put_nowait("v"); });
    log("get: ", co_await q.get());
}
}  // namespace
