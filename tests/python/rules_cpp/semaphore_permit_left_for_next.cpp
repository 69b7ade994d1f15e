// Semaphore: a permit released while the only waiter is already woken stays in the semaphore; a
// newcomer still queues behind that waiter (no barging), and the waiter, once it has its permit,
// wakes the newcomer for the permit left over.
#include "rule_registry.hpp"

#include <string>

namespace {
using rules::log;

aio::Task<> worker(std::string name, aio::Semaphore& sem) {
    co_await sem.acquire();
    log(name, " acquired, value ", sem.value());
}

AIO_RULE(semaphore_permit_left_for_next) {
    aio::Semaphore sem(0);
    auto w1 = aio::create_task(worker("w1", sem), "w1");
    co_await aio::sleep(0);
    auto w2 = aio::create_task(worker("w2", sem), "w2");  // its first step comes before w1's wake-up
    sem.release();
    sem.release();
    log("released twice, locked() ", sem.locked());
    co_await aio::gather(w1, w2);
    log("value ", sem.value());
}
}  // namespace
