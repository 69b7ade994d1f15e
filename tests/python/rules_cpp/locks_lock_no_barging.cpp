// From CPython 3.11 Lib/test/test_asyncio/test_locks.py: LockTests.test_acquire, test_lock,
// test_release_no_waiters and test_context_manager. acquire() returns True; release() wakes
// the first waiter but the lock stays free until it runs. A task that starts in between (it runs
// before the woken one in that iteration) finds a live waiter in line and queues behind it
// instead of taking the free lock. release() with nobody waiting just unlocks.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> taker(std::string name, aio::Lock& lock) {
    log(name, " acquires");
    bool result = co_await lock.acquire();
    log(name, " acquired: ", result);
}

AIO_RULE(locks_lock_no_barging) {
    aio::Lock lock;
    bool first = co_await lock.acquire();
    log("main acquired: ", first);
    auto c1 = aio::create_task(taker("c1", lock), "c1");
    auto c2 = aio::create_task(taker("c2", lock), "c2");
    co_await aio::sleep(0);
    lock.release();
    log("released: locked() ", lock.locked());
    co_await aio::sleep(0);
    log("c1.done() ", c1.done(), " locked() ", lock.locked());
    auto c3 = aio::create_task(taker("c3", lock), "c3");
    lock.release();
    log("released for c2: locked() ", lock.locked());
    co_await aio::sleep(0);
    log("c2.done() ", c2.done(), " c3.done() ", c3.done());
    lock.release();
    co_await c3;
    lock.release();
    log("release with nobody waiting: locked() ", lock.locked());
    {
        auto held = co_await aio::async_with(lock);
        log("async with: locked() ", lock.locked());
    }
    log("after: locked() ", lock.locked());
}
}  // namespace
