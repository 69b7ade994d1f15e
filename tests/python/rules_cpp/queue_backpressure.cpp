// A bounded queue: put() blocks while the queue is full, until a get() makes room.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> producer(aio::Queue<int>& q) {
    for (int i = 1; i < 6; ++i) {
        log("producer puts ", i);
        co_await q.put(i);
        log("producer put ", i, ", qsize ", q.qsize());
    }
    co_await q.put(0);
}

aio::Task<> consumer(aio::Queue<int>& q) {
    while (true) {
        co_await aio::sleep(0.1);
        int item = co_await q.get();
        log("consumer got ", item);
        if (item == 0) co_return;
    }
}

AIO_RULE(queue_backpressure) {
    aio::Queue<int> q(2);
    auto p = aio::create_task(producer(q), "producer");
    auto c = aio::create_task(consumer(q), "consumer");
    co_await p;
    log("producer finished");
    co_await c;
    log("full() ", q.full(), " empty() ", q.empty());
}
}  // namespace
