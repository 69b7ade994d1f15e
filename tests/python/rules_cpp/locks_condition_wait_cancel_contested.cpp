// From CPython 3.11 Lib/test/test_asyncio/test_locks.py: ConditionTests.test_wait_cancel,
// test_wait_cancel_contested and test_timeout_in_block. A Condition.wait() cancelled in its
// first step raises CancelledError with the lock held again. A waiter notified while the
// notifier still holds the lock, then cancelled while it waits to re-acquire, keeps trying: it
// takes the lock once it is released and only then raises CancelledError, holding it.
// wait_for(cond.wait(), timeout) inside `async with cond` raises TimeoutError with the lock held.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> wait_on(std::string name, aio::Condition& cond) {
    bool result = false;
    try {
        result = co_await cond.wait();
    } catch (const aio::CancelledError&) {
        log(name, " cancelled, locked() ", cond.locked());
        throw;
    }
    log(name, " returned ", result, ", locked() ", cond.locked());
}

aio::Task<bool> cond_wait(aio::Condition& cond) { co_return co_await cond.wait(); }

AIO_RULE(locks_condition_wait_cancel_contested) {
    aio::EventLoop& loop = aio::get_running_loop();
    aio::Condition cond;
    co_await cond.acquire();
    auto w = aio::create_task(wait_on("w", cond), "w");
    aio::CallbackHandle h1 = loop.call_soon([w]() mutable { w.cancel(); });
    try {
        co_await w;
    } catch (const aio::CancelledError&) {
        log("w: ", rules::describe_current(), ", locked() ", cond.locked());
    }
    cond.release();

    co_await cond.acquire();
    auto w2 = aio::create_task(wait_on("w2", cond), "w2");
    co_await aio::sleep(0);
    log("w2 waits, locked() ", cond.locked());
    co_await cond.acquire();
    cond.notify();
    aio::CallbackHandle h2 = loop.call_soon([w2]() mutable { w2.cancel(); });
    aio::CallbackHandle h3 = loop.call_soon([&cond] { cond.release(); });
    try {
        co_await w2;
    } catch (const aio::CancelledError&) {
        log("w2: ", rules::describe_current());
    }
    log("after w2: locked() ", cond.locked());
    cond.release();

    {
        auto held = co_await aio::async_with(cond);
        try {
            co_await aio::wait_for(cond_wait(cond), 0.5);
        } catch (const aio::TimeoutError&) {
            log("wait_for(cond.wait(), 0.5): ", rules::describe_current(), ", locked() ", cond.locked());
        }
    }
    log("locked() ", cond.locked());
}
}  // namespace
