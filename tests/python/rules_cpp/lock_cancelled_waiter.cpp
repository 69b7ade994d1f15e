// A Lock waiter that was woken and then cancelled before it ran passes the lock on.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> waiter(std::string name, aio::Lock& lock) {
    try {
        co_await lock.acquire();
    } catch (const aio::CancelledError&) {
        log(name, " cancelled while waiting");
        throw;
    }
    log(name, " acquired");
    co_await aio::sleep(0.1);
    lock.release();
    log(name, " released");
}

AIO_RULE(lock_cancelled_waiter) {
    aio::Lock lock;
    co_await lock.acquire();
    auto w1 = aio::create_task(waiter("w1", lock), "w1");
    auto w2 = aio::create_task(waiter("w2", lock), "w2");
    co_await aio::sleep(0.1);
    lock.release();
    log("main released (wakes w1) and cancels w1 -> ", w1.cancel());
    try {
        co_await w1;
    } catch (const aio::CancelledError&) {
        log("w1: ", rules::describe_current());
    }
    co_await w2;
    log("locked() ", lock.locked());
}
}  // namespace
