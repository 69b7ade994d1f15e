// From CPython 3.11 Lib/test/test_asyncio/test_queues.py: QueuePutTests.test_put_cancel_drop,
// test_cancelled_put_silence_value_error_exception, test_put_cancelled_race and
// test_cancelled_puts_not_being_held_in_self_putters. A putter woken by get_nowait and cancelled
// before it runs puts nothing, and passes the free slot on to the next putter; a putter
// cancelled while it still waits is skipped when a slot frees.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> writer(std::string name, aio::Queue<std::string>& q, std::string item) {
    try {
        co_await q.put(item);
    } catch (const aio::CancelledError&) {
        log(name, " cancelled");
        throw;
    }
    log(name, " put ", item);
}

AIO_RULE(queues_woken_putter_cancelled) {
    aio::Queue<std::string> q(1);
    q.put_nowait("1");
    auto w1 = aio::create_task(writer("w1", q, "2"), "w1");
    auto w2 = aio::create_task(writer("w2", q, "3"), "w2");
    co_await aio::sleep(0);
    {
        auto got = q.get_nowait();
        bool c = w1.cancel();
        log("get_nowait ", got, ", cancel w1 -> ", c);
    }
    try {
        co_await w1;
    } catch (const aio::CancelledError&) {
        log("w1: ", rules::describe_current(), " qsize ", q.qsize());
    }
    co_await aio::sleep(0);
    {
        bool done = w2.done();
        auto got = q.get_nowait();
        log("w2.done() ", done, " get_nowait ", got, " qsize ", q.qsize());
    }

    auto put_a = aio::create_task(writer("put_a", q, "a"), "put_a");
    auto put_b = aio::create_task(writer("put_b", q, "b"), "put_b");
    auto put_c = aio::create_task(writer("put_c", q, "c"), "put_c");
    co_await aio::sleep(0);
    {
        bool a = put_a.done(), b = put_b.done();
        bool c = put_b.cancel();
        log("put_a.done() ", a, " put_b.done() ", b, ", cancel put_b -> ", c);
    }
    co_await aio::sleep(0);
    {
        bool b = put_b.done();
        auto got = q.get_nowait();
        log("put_b.done() ", b, " get_nowait ", got);
    }
    co_await aio::sleep(0);
    {
        bool c = put_c.done();
        auto got = q.get_nowait();
        log("put_c.done() ", c, " get_nowait ", got, " empty() ", q.empty());
    }
}
}  // namespace
