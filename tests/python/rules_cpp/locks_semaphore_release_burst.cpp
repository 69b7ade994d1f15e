// From CPython 3.11 Lib/test/test_asyncio/test_locks.py: SemaphoreTests.test_acquire,
// test_initial_value_zero, test_semaphore_value, test_release_no_waiters and
// test_acquire_fifo_order_2. Semaphore(3): two quick acquires, three waiters (the first gets
// the last permit without waiting); two release() calls in a row hand both permits to the
// waiters in line at once (value stays 0), ahead of a task created in between. Semaphore(0) is
// locked(); a negative value raises ValueError; release() beyond the initial value just counts
// up. A holder that releases and asks again queues behind those already waiting.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> acquirer(std::string name, aio::Semaphore& sem) {
    co_await sem.acquire();
    log(name, " acquired, value ", sem.value());
}

aio::Task<> again(std::string name, aio::Semaphore& sem) {
    co_await sem.acquire();
    log(name, " acquired");
    sem.release();
    co_await sem.acquire();
    log(name, " acquired again");
}

AIO_RULE(locks_semaphore_release_burst) {
    aio::Semaphore sem(3);
    co_await sem.acquire();
    co_await sem.acquire();
    log("two acquired: locked() ", sem.locked());
    auto c1 = aio::create_task(acquirer("c1", sem), "c1");
    auto c2 = aio::create_task(acquirer("c2", sem), "c2");
    auto c3 = aio::create_task(acquirer("c3", sem), "c3");
    co_await aio::sleep(0);
    log("locked() ", sem.locked(), " value ", sem.value());
    auto c4 = aio::create_task(acquirer("c4", sem), "c4");
    sem.release();
    sem.release();
    log("released twice, value ", sem.value());
    co_await aio::sleep(0);
    log("c2 ", c2.done(), " c3 ", c3.done(), " c4 ", c4.done(), " locked() ", sem.locked());
    sem.release();
    co_await c4;

    aio::Semaphore zero(0);
    log("Semaphore(0).locked() ", zero.locked());
    try {
        aio::Semaphore bad(-1);
    } catch (const aio::ValueError&) {
        log("Semaphore(-1): ", rules::describe_current());
    }
    aio::Semaphore one(1);
    one.release();
    one.release();
    log("Semaphore(1) released twice: value ", one.value(), " locked() ", one.locked());

    aio::Semaphore s(1);
    co_await s.acquire();
    auto a = aio::create_task(again("a", s), "a");
    auto b = aio::create_task(acquirer("b", s), "b");
    co_await aio::sleep(0);
    s.release();
    s.release();
    co_await aio::sleep(0);
    log("value ", s.value(), " b.done() ", b.done());
    s.release();
    co_await aio::gather(a, b);
}
}  // namespace
