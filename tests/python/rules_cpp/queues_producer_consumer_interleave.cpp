// From CPython 3.11 Lib/test/test_asyncio/test_queues.py: QueueGetTests.test_why_are_getters_waiting,
// QueuePutTests.test_why_are_putters_waiting and QueueBasicTests.test_maxsize. With Queue(1) a
// producer and a consumer alternate step by step; with Queue(2) four putters block, and one
// get_nowait() loop wakes as many of them, in order, as it freed slots.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> producer(aio::Queue<int>& q, int n) {
    for (int i = 0; i < n; ++i) {
        co_await q.put(i);
        log("producer put ", i, " qsize ", q.qsize());
    }
}

aio::Task<> consumer(aio::Queue<int>& q, int n) {
    for (int k = 0; k < n; ++k) {
        int item = co_await q.get();
        log("consumer got ", item);
    }
}

aio::Task<> putter(aio::Queue<int>& q, int i) {
    co_await q.put(i);
    log("putter", i, " put ", i);
}

aio::Task<> drainer(aio::Queue<int>& q) {
    co_await aio::sleep(0);
    std::size_t n = q.qsize();
    std::string got = "[";
    for (std::size_t k = 0; k < n; ++k) got += rules::str(k ? ", " : "", q.get_nowait());
    got += "]";
    log("drainer took ", got, ", qsize ", q.qsize());
}

AIO_RULE(queues_producer_consumer_interleave) {
    aio::Queue<int> q(1);
    co_await aio::task_group([&](aio::TaskGroup& tg) -> aio::Task<> {
        tg.create_task(producer(q, 4), "producer");
        tg.create_task(consumer(q, 4), "consumer");
        co_return;
    });
    log("first group done");

    aio::Queue<int> q2(2);
    co_await aio::task_group([&](aio::TaskGroup& tg) -> aio::Task<> {
        tg.create_task(drainer(q2), "drainer");
        for (int i = 0; i < 4; ++i) tg.create_task(putter(q2, i), rules::str("putter", i));
        co_return;
    });
    log("second group done, qsize ", q2.qsize(), " full() ", q2.full());
}
}  // namespace
