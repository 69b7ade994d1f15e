// From CPython 3.11 Lib/test/test_asyncio/test_locks.py: LockTests.test_cancel_race,
// test_cancel_release_race and test_finished_waiter_cancelled. A waiter cancelled in the same
// step as the holder lets go does not keep the lock nor lose it: the cancelled one passes its
// turn to the next waiter, exactly one task gets the lock, and a task that has not started
// waiting yet can take a free lock when every waiter in line is cancelled.
#include "rule_registry.hpp"

#include <optional>

namespace {
using rules::log;

aio::Task<> lockit(std::string name, aio::Lock& lock, std::optional<aio::Future<>> blocker = std::nullopt) {
    log(name, " acquires");
    try {
        co_await lock.acquire();
    } catch (const aio::CancelledError&) {
        log(name, " cancelled while waiting, locked() ", lock.locked());
        throw;
    }
    log(name, " holds the lock");
    std::exception_ptr error;
    try {
        if (blocker) co_await *blocker;
    } catch (...) {
        error = std::current_exception();
    }
    // finally:
    lock.release();
    log(name, " released");
    if (error) std::rethrow_exception(error);
}

AIO_RULE(locks_lock_cancel_races) {
    aio::EventLoop& loop = aio::get_running_loop();
    aio::Lock lock;
    auto fa = aio::create_future<void>();
    auto ta = aio::create_task(lockit("A", lock, fa), "A");
    co_await aio::sleep(0);
    auto tb = aio::create_task(lockit("B", lock), "B");
    auto tc = aio::create_task(lockit("C", lock), "C");
    co_await aio::sleep(0);
    fa.set_result();
    log("A unblocked, cancel B -> ", tb.cancel());
    co_await aio::sleep(0);
    log("locked() ", lock.locked(), " A.done() ", ta.done(), " B.cancelled() ", tb.cancelled());
    co_await tc;

    co_await lock.acquire();
    auto t1 = aio::create_task(lockit("t1", lock), "t1");
    auto t2 = aio::create_task(lockit("t2", lock), "t2");
    auto t3 = aio::create_task(lockit("t3", lock, aio::create_future<void>()), "t3");
    co_await aio::sleep(0);

    auto trigger = [&] {
        log("trigger: cancel t1 -> ", t1.cancel(), ", release");
        lock.release();
    };
    aio::CallbackHandle h = loop.call_soon(trigger);
    try {
        co_await t1;
    } catch (const aio::CancelledError&) {
        log("t1 cancelled, t2.done() ", t2.done());
    }
    co_await aio::sleep(0);
    log("t3.done() ", t3.done(), " locked() ", lock.locked());
    t3.cancel();
    co_await aio::sleep(0);

    co_await lock.acquire();
    auto tb2 = aio::create_task(lockit("b", lock), "b");
    co_await aio::sleep(0);
    auto tc2 = aio::create_task(lockit("c", lock), "c");
    log("cancel b -> ", tb2.cancel(), ", release");
    lock.release();
    co_await aio::sleep(0);
    log("locked() ", lock.locked(), " b.cancelled() ", tb2.cancelled());
    co_await tc2;
}
}  // namespace
