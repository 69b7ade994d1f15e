// From CPython 3.11 Lib/test/test_asyncio/test_queues.py: _QueueJoinTestMixin.test_task_done,
// test_join_empty_queue and test_task_done_underflow. join() on a queue with no unfinished work
// returns without yielding; it counts task_done() calls against puts, not gets (a get alone does
// not finish anything, and task_done() may come before the get); every joiner wakes when the
// count reaches zero, in the order they joined; a later put re-arms join().
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> bystander() {
    log("bystander runs");
    co_return;
}

aio::Task<> joiner(std::string name, aio::Queue<int>& q) {
    co_await q.join();
    log(name, " join returned, qsize ", q.qsize());
}

template <class Q>
aio::Task<> join_empty(const char* kind) {
    Q q;
    auto b = aio::create_task(bystander(), "bystander");
    co_await q.join();
    log(kind, ": join on an empty queue, bystander done() ", b.done());
    co_await b;
}

AIO_RULE(queues_join_unfinished_count) {
    co_await join_empty<aio::Queue<int>>("Queue");
    co_await join_empty<aio::LifoQueue<int>>("LifoQueue");
    co_await join_empty<aio::PriorityQueue<int>>("PriorityQueue");

    aio::Queue<int> q;
    q.put_nowait(1);
    q.put_nowait(2);
    auto j1 = aio::create_task(joiner("j1", q), "j1");
    auto j2 = aio::create_task(joiner("j2", q), "j2");
    co_await aio::sleep(0);
    log("get_nowait ", q.get_nowait());
    co_await aio::sleep(0);
    log("after a get: j1.done() ", j1.done());
    q.task_done();
    co_await aio::sleep(0);
    log("one task_done: j1.done() ", j1.done());
    q.task_done();
    log("second task_done, item 2 still queued");
    co_await aio::sleep(0);
    log("j1.done() ", j1.done(), " j2.done() ", j2.done());
    try {
        q.task_done();
    } catch (const aio::ValueError&) {
        log("third task_done: ", rules::describe_current());
    }
    q.put_nowait(3);
    auto j3 = aio::create_task(joiner("j3", q), "j3");
    co_await aio::sleep(0.1);
    log("after a new put: j3.done() ", j3.done());
    q.task_done();
    co_await j3;
}
}  // namespace
