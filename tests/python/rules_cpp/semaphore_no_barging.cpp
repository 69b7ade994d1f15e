// A released permit goes to the first waiter; a task that asks again right after releasing
// (it never waited) cannot take it back: it queues behind the waiter.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> greedy(aio::Semaphore& sem) {
    co_await sem.acquire();
    log("greedy acquired");
    co_await aio::sleep(0.1);
    sem.release();
    log("greedy released, locked() ", sem.locked());
    co_await sem.acquire();
    log("greedy acquired again");
    sem.release();
}

aio::Task<> patient(aio::Semaphore& sem) {
    co_await aio::sleep(0.05);
    log("patient waits");
    co_await sem.acquire();
    log("patient acquired");
    co_await aio::sleep(0.1);
    sem.release();
    log("patient released");
}

AIO_RULE(semaphore_no_barging) {
    aio::Semaphore sem(1);
    auto g = aio::create_task(greedy(sem), "greedy");
    auto p = aio::create_task(patient(sem), "patient");
    co_await g;
    co_await p;
}
}  // namespace
