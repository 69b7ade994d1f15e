// A semaphore waiter that was woken and then cancelled before it ran passes its wake-up on.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> waiter(std::string name, aio::Semaphore& sem) {
    try {
        co_await sem.acquire();
    } catch (const aio::CancelledError&) {
        log(name, " cancelled while waiting");
        throw;
    }
    log(name, " acquired");
    co_await aio::sleep(0.1);
    sem.release();
    log(name, " released");
}

AIO_RULE(semaphore_cancelled_waiter) {
    aio::Semaphore sem(1);
    co_await sem.acquire();
    auto w1 = aio::create_task(waiter("w1", sem), "w1");
    auto w2 = aio::create_task(waiter("w2", sem), "w2");
    co_await aio::sleep(0.1);
    sem.release();
    log("main released (wakes w1) and cancels w1 -> ", w1.cancel());
    try {
        co_await w1;
    } catch (const aio::CancelledError&) {
        log("w1: ", rules::describe_current());
    }
    co_await w2;
    log("locked() ", sem.locked());
}
}  // namespace
