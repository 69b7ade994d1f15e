// From CPython 3.11 Lib/test/test_asyncio/test_queues.py: QueuePutTests.test_get_cancel_drop_one_pending_reader,
// test_get_cancel_drop_many_pending_readers and QueueGetTests.test_get_cancelled_race. A getter
// woken by put_nowait and cancelled before it runs takes no item: the items stay in the queue, in
// order, and its wake-up goes to the next getter. A getter cancelled while it still waits is
// skipped: the next put goes to the getter behind it.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<std::string> reader(std::string name, aio::Queue<std::string>& q) {
    std::string item;
    try {
        item = co_await q.get();
    } catch (const aio::CancelledError&) {
        log(name, " cancelled");
        throw;
    }
    log(name, " got ", item);
    co_return item;
}

AIO_RULE(queues_woken_getter_cancelled_keeps_item) {
    aio::Queue<std::string> q;
    auto r = aio::create_task(reader("r0", q), "r0");
    co_await aio::sleep(0);
    q.put_nowait("1");
    q.put_nowait("2");
    log("put 1 and 2, cancel r0 -> ", r.cancel());
    try {
        co_await r;
    } catch (const aio::CancelledError&) {
        log("r0: ", rules::describe_current(), " qsize ", q.qsize());
    }
    auto retry = co_await aio::create_task(reader("r0b", q), "r0b");
    log("retry: ", retry, " qsize ", q.qsize());
    q.get_nowait();

    auto r1 = aio::create_task(reader("r1", q), "r1");
    auto r2 = aio::create_task(reader("r2", q), "r2");
    auto r3 = aio::create_task(reader("r3", q), "r3");
    co_await aio::sleep(0);
    q.put_nowait("1");
    q.put_nowait("2");
    log("put 1 and 2, cancel r1 -> ", r1.cancel());
    co_await aio::gather(aio::return_exceptions, r1, r2, r3);
    log("qsize ", q.qsize());

    auto w1 = aio::create_task(reader("w1", q), "w1");
    auto w2 = aio::create_task(reader("w2", q), "w2");
    co_await aio::sleep(0);
    log("cancel waiting w1 -> ", w1.cancel());
    co_await aio::sleep(0);
    log("w1.done() ", w1.done());
    co_await q.put("a");
    co_await aio::sleep(0);
    log("w2.done() ", w2.done(), " qsize ", q.qsize());
}
}  // namespace
