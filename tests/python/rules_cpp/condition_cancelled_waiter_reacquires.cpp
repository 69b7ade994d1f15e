// A task cancelled in Condition.wait() takes the lock back before CancelledError propagates
// (CPython re-acquires in a `finally`): while another task holds the lock it waits for it, and
// its except block runs with the lock held. In 3.11 a notify that reached a waiter cancelled
// before it ran is lost (not passed on), and a second cancel while re-acquiring raises a new,
// bare CancelledError (the message is gone).
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> waiter(std::string name, aio::Condition& cond) {
    {
        auto held = co_await aio::async_with(cond);
        try {
            co_await cond.wait();
            log(name, " notified, locked() ", cond.locked());
        } catch (const aio::CancelledError& e) {
            log(name, " cancelled: '", e.message(), "' locked() ", cond.locked());
            throw;
        }
    }
    log(name, " released");
}

AIO_RULE(condition_cancelled_waiter_reacquires) {
    aio::Condition cond;
    auto w1 = aio::create_task(waiter("w1", cond), "w1");
    auto w2 = aio::create_task(waiter("w2", cond), "w2");
    auto w3 = aio::create_task(waiter("w3", cond), "w3");
    auto w4 = aio::create_task(waiter("w4", cond), "w4");
    co_await aio::sleep(0.1);

    {
        auto held = co_await aio::async_with(cond);
        log("w1.cancel('stop') -> ", w1.cancel("stop"));
        co_await aio::sleep(0.1);
        log("main holds the lock, w1 done() ", w1.done());
    }
    try {
        co_await w1;
    } catch (const aio::CancelledError& e) {
        log("w1: ", rules::describe_current(), " '", e.message(), "'");
    }

    {
        auto held = co_await aio::async_with(cond);
        cond.notify();
        log("notify() then w2.cancel() -> ", w2.cancel());
    }
    try {
        co_await w2;
    } catch (const aio::CancelledError& e) {
        log("w2: ", rules::describe_current(), " '", e.message(), "'");
    }
    co_await aio::sleep(0.1);
    log("w3 done() ", w3.done(), " w4 done() ", w4.done());

    {
        auto held = co_await aio::async_with(cond);
        w3.cancel("first");
        co_await aio::sleep(0.1);
        log("w3 re-acquiring, cancel again -> ", w3.cancel("second"));
        co_await aio::sleep(0.1);
        log("main releases");
    }
    try {
        co_await w3;
    } catch (const aio::CancelledError& e) {
        log("w3: ", rules::describe_current(), " '", e.message(), "'");
    }

    {
        auto held = co_await aio::async_with(cond);
        cond.notify();
    }
    co_await w4;
    log("locked() ", cond.locked());
}
}  // namespace
