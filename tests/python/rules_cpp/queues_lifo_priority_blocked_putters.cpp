// From CPython 3.11 Lib/test/test_asyncio/test_queues.py: LifoQueueTests.test_order,
// PriorityQueueTests.test_order, QueueGetTests.test_get_with_putters and
// test_get_with_waiting_putters, on bounded LIFO and priority queues. A get frees a slot and wakes
// the first blocked putter; its item goes in only when it runs, so it is ordered by the queue's own
// rule (top of the stack, or by priority) among what is there then. The nowait calls raise
// QueueFull and QueueEmpty at the edges.
#include "rule_registry.hpp"

namespace {
using rules::log;

template <class Q>
aio::Task<> putter(std::string name, Q& q, int item) {
    co_await q.put(item);
    log(name, " put ", item);
}

template <class Q>
aio::Task<> drive(std::string kind, Q& q) {
    q.put_nowait(5);
    q.put_nowait(1);
    try {
        q.put_nowait(7);
    } catch (const aio::QueueFull&) {
        log(kind, ": put_nowait on a full queue: ", rules::describe_current());
    }
    auto p1 = aio::create_task(putter("p1", q, 3), "p1");
    auto p2 = aio::create_task(putter("p2", q, 0), "p2");
    co_await aio::sleep(0);
    int first = q.get_nowait();
    log(kind, ": get_nowait ", first, ", p1.done() ", p1.done());
    int second = co_await q.get();
    log(kind, ": get ", second);
    co_await aio::sleep(0);
    std::string rest = "[";
    for (int k = 0; !q.empty(); ++k) rest += rules::str(k ? ", " : "", q.get_nowait());
    rest += "]";
    log(kind, ": then ", rest, " p2.done() ", p2.done());
    try {
        q.get_nowait();
    } catch (const aio::QueueEmpty&) {
        log(kind, ": get_nowait on an empty queue: ", rules::describe_current());
    }
}

AIO_RULE(queues_lifo_priority_blocked_putters) {
    aio::LifoQueue<int> lifo(2);
    co_await drive("lifo", lifo);
    aio::PriorityQueue<int> priority(2);
    co_await drive("priority", priority);
    aio::Queue<int> fifo(2);
    co_await drive("fifo", fifo);
}
}  // namespace
