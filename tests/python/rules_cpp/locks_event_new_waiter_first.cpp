// From CPython 3.11 Lib/test/test_asyncio/test_locks.py: EventTests.test_wait,
// test_clear_with_waiters, test_wait_on_set and test_wait_cancel. A task created before set()
// but not yet started runs first in the next iteration and finds the event set (wait returns
// at once, True), ahead of the waiters set() woke. set(); clear(); set(); set() wakes a waiter
// once. A cancelled waiter is dropped: set() afterwards wakes only the others.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> waiter(std::string name, aio::Event& ev) {
    bool result = false;
    try {
        result = co_await ev.wait();
    } catch (const aio::CancelledError&) {
        log(name, " cancelled");
        throw;
    }
    log(name, " woke: ", result);
}

AIO_RULE(locks_event_new_waiter_first) {
    aio::Event ev;
    auto t1 = aio::create_task(waiter("t1", ev), "t1");
    auto t2 = aio::create_task(waiter("t2", ev), "t2");
    co_await aio::sleep(0);
    auto t3 = aio::create_task(waiter("t3", ev), "t3");
    ev.set();
    log("set");
    co_await aio::sleep(0);
    log("all done: ", t1.done() && t2.done() && t3.done());

    ev.clear();
    auto t4 = aio::create_task(waiter("t4", ev), "t4");
    auto t5 = aio::create_task(waiter("t5", ev), "t5");
    co_await aio::sleep(0);
    ev.set();
    ev.clear();
    log("set, clear: is_set() ", ev.is_set());
    ev.set();
    ev.set();
    log("set, set: is_set() ", ev.is_set(), ", cancel t4 -> ", t4.cancel());
    co_await aio::sleep(0);
    log("t4.cancelled() ", t4.cancelled(), " t5.done() ", t5.done());

    ev.clear();
    auto t6 = aio::create_task(waiter("t6", ev), "t6");
    auto t7 = aio::create_task(waiter("t7", ev), "t7");
    co_await aio::sleep(0);
    log("cancel t6 -> ", t6.cancel());
    co_await aio::sleep(0);
    ev.set();
    bool r = co_await ev.wait();
    log("set, wait on a set event: ", r);
    co_await t7;
}
}  // namespace
