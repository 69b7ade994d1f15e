// From CPython 3.11 Lib/test/test_asyncio/test_locks.py: ConditionTests.test_explicit_lock,
// test_notify, test_notify_all and test_context_manager. Two Conditions built on one Lock: each
// reports the lock's state, `async with lock` is as good as `async with cond` for notify(), and
// a notify on one wakes only its own waiters. notify(1) then notify(2048) wakes the rest in
// order; the woken ones come back one at a time as the lock frees.
#include "rule_registry.hpp"

#include <vector>

namespace {
using rules::log;

aio::Task<> waiter(std::string name, aio::Condition& cond) {
    auto held = co_await aio::async_with(cond);
    co_await cond.wait();
    log(name, " woke");
}

AIO_RULE(locks_condition_shared_lock) {
    aio::Lock lock;
    aio::Condition a(lock);
    aio::Condition b(lock);
    log("locked(): lock ", lock.locked(), " a ", a.locked(), " b ", b.locked());
    {
        auto held = co_await aio::async_with(a);
        log("in async with a: lock ", lock.locked(), " b ", b.locked());
    }
    {
        auto held = co_await aio::async_with(lock);
        log("in async with lock: a ", a.locked());
    }

    std::vector<aio::Task<>> ws;
    for (const char* n : {"a1", "a2", "a3"}) ws.push_back(aio::create_task(waiter(n, a), n));
    auto wb = aio::create_task(waiter("b1", b), "b1");
    co_await aio::sleep(0);
    log("all wait, lock ", lock.locked());
    {
        auto held = co_await aio::async_with(lock);
        a.notify(1);
        log("notify(1) on a");
    }
    co_await aio::sleep(0);
    log("a1 done() ", ws[0].done(), " b1 done() ", wb.done());
    {
        auto held = co_await aio::async_with(lock);
        a.notify(1);
        a.notify(2048);
        log("notify(1), notify(2048) on a");
    }
    co_await aio::gather(ws[0], ws[1], ws[2]);
    log("b1 done() ", wb.done());
    {
        auto held = co_await aio::async_with(lock);
        b.notify_all();
    }
    co_await wb;
    log("lock ", lock.locked());
}
}  // namespace
