// From CPython 3.11 Lib/test/test_asyncio/test_locks.py: SemaphoreTests.test_acquire_cancel_before_awoken,
// test_acquire_hang, test_acquire_fifo_order_3, test_acquire_no_hang and test_acquire_cancel.
// Waiters cancelled before a release() are skipped: the permit goes to the first live waiter
// (one permit, one waiter woken), and locked() stays True while a live waiter is in line. A
// waiter woken and then cancelled before it runs gives its permit back, so the semaphore is
// not lost.
#include "rule_registry.hpp"

#include <optional>
#include <vector>

namespace {
using rules::log;

aio::Task<> acquirer(std::string name, aio::Semaphore& sem) {
    try {
        co_await sem.acquire();
    } catch (const aio::CancelledError&) {
        log(name, " cancelled, value ", sem.value());
        throw;
    }
    log(name, " acquired, value ", sem.value());
}

aio::Task<> holder(aio::Semaphore& sem, std::optional<aio::Task<>>& victim) {
    {
        auto held = co_await aio::async_with(sem);
        log("holder holds");
        co_await aio::sleep(0);
    }
    log("holder released, cancel victim -> ", victim->cancel());
}

aio::Task<bool> acquire(aio::Semaphore& sem) { co_return co_await sem.acquire(); }

AIO_RULE(locks_semaphore_cancelled_waiters) {
    aio::Semaphore sem(0);
    std::vector<aio::Task<>> ts;
    for (int i = 1; i < 5; ++i) ts.push_back(aio::create_task(acquirer(rules::str("t", i), sem), rules::str("t", i)));
    co_await aio::sleep(0);
    ts[0].cancel();
    ts[1].cancel();
    sem.release();
    log("cancelled t1 and t2, released once");
    co_await aio::sleep(0);
    co_await aio::sleep(0);
    log("t3.done() ", ts[2].done(), " t4.done() ", ts[3].done(), " locked() ", sem.locked(), " value ", sem.value());
    sem.release();
    co_await ts[3];

    aio::Semaphore sem2(1);
    std::optional<aio::Task<>> victim;
    auto h = aio::create_task(holder(sem2, victim), "holder");
    victim = aio::create_task(acquirer("victim", sem2), "victim");
    co_await aio::gather(aio::return_exceptions, h, *victim);
    log("locked() ", sem2.locked(), " value ", sem2.value());
    co_await aio::wait_for(acquire(sem2), 1.0);
    log("acquired after all, value ", sem2.value());
}
}  // namespace
