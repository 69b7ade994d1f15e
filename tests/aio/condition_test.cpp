// aio::Condition (3.11): wait releases and re-acquires the lock, notify wakes FIFO, wait_for
// loops on a predicate, the lock must be held, a cancelled waiter gets the lock back first.
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace {

using aio_test::Journal;

TEST(Condition, WaitReleasesTheLockAndTakesItBackBeforeReturning) {
    Journal j;
    aio::Condition cond("c");
    bool released_while_waiting = false, held_after = false, returned = false;
    auto waiter = [&]() -> aio::Task<> {
        co_await cond.acquire();
        returned = co_await cond.wait();
        held_after = cond.locked();
        j.add("waiter back");
        cond.release();
    };
    auto main = [&]() -> aio::Task<> {
        auto w = aio::create_task(waiter());
        co_await aio::sleep(1);
        released_while_waiting = !cond.locked();
        {
            auto held = co_await aio::async_with(cond);
            cond.notify();
            j.add("notified");
            co_await aio::sleep(1);  // the waiter cannot return while we hold the lock
            j.add("main releases");
        }
        co_await w;
    };
    aio::run(main());
    EXPECT_TRUE(released_while_waiting);
    EXPECT_TRUE(returned);
    EXPECT_TRUE(held_after);
    EXPECT_FALSE(cond.locked());
    EXPECT_EQ(j.lines, (std::vector<std::string>{"notified@1", "main releases@2", "waiter back@2"}));
}

TEST(Condition, NotifyWakesTheWaitersOneAtATimeInFifoOrder) {
    Journal j;
    aio::Condition cond;
    auto waiter = [&](std::string name) -> aio::Task<> {
        auto held = co_await aio::async_with(cond);
        co_await cond.wait();
        j.add(name);
    };
    auto main = [&]() -> aio::Task<> {
        std::vector<aio::Task<>> ts;
        for (std::string n : {"a", "b", "c"}) ts.push_back(aio::create_task(waiter(n)));
        for (int i = 1; i <= 3; ++i) {
            co_await aio::sleep(1);
            auto held = co_await aio::async_with(cond);
            cond.notify();
        }
        for (auto& t : ts) co_await t;
    };
    aio::run(main());
    EXPECT_EQ(j.lines, (std::vector<std::string>{"a@1", "b@2", "c@3"}));
}

TEST(Condition, NotifyTwoWakesTheFirstTwoAndLeavesTheRestWaiting) {
    Journal j;
    aio::Condition cond;
    std::size_t still_waiting = 0;
    auto waiter = [&](std::string name) -> aio::Task<> {
        auto held = co_await aio::async_with(cond);
        co_await cond.wait();
        j.add(name);
    };
    auto main = [&]() -> aio::Task<> {
        std::vector<aio::Task<>> ts;
        for (std::string n : {"a", "b", "c", "d"}) ts.push_back(aio::create_task(waiter(n)));
        co_await aio::sleep(1);
        {
            auto held = co_await aio::async_with(cond);
            cond.notify(2);
        }
        co_await aio::sleep(1);
        still_waiting = cond.waiting();
        {
            auto held = co_await aio::async_with(cond);
            cond.notify_all();
        }
        for (auto& t : ts) co_await t;
    };
    aio::run(main());
    EXPECT_EQ(still_waiting, 2u);
    EXPECT_EQ(j.lines, (std::vector<std::string>{"a@1", "b@1", "c@2", "d@2"}));
}

TEST(Condition, NotifyAllWakesEveryWaiterAndTheyTakeTheLockInTurn) {
    Journal j;
    aio::Condition cond;
    int inside = 0, most_inside = 0;
    auto waiter = [&](std::string name) -> aio::Task<> {
        auto held = co_await aio::async_with(cond);
        co_await cond.wait();
        most_inside = std::max(most_inside, ++inside);
        co_await aio::sleep(1);
        --inside;
        j.add(name);
    };
    auto main = [&]() -> aio::Task<> {
        std::vector<aio::Task<>> ts;
        for (std::string n : {"a", "b", "c"}) ts.push_back(aio::create_task(waiter(n)));
        co_await aio::sleep(1);
        {
            auto held = co_await aio::async_with(cond);
            cond.notify_all();
        }
        for (auto& t : ts) co_await t;
    };
    aio::run(main());
    EXPECT_EQ(most_inside, 1);
    EXPECT_EQ(j.lines, (std::vector<std::string>{"a@2", "b@3", "c@4"}));
}

TEST(Condition, NotifyWithoutWaitersDoesNothing) {
    aio::Condition cond;
    auto main = [&]() -> aio::Task<> {
        auto held = co_await aio::async_with(cond);
        cond.notify();
        cond.notify_all();
    };
    aio::run(main());
    EXPECT_FALSE(cond.locked());
}

TEST(Condition, WaitForLoopsUntilThePredicateHoldsAndReturnsItsValue) {
    Journal j;
    aio::Condition cond;
    int stock = 0, checks = 0;
    bool result = false, held_when_checked = true;
    auto consumer = [&]() -> aio::Task<> {
        auto held = co_await aio::async_with(cond);
        auto enough = [&] {
            ++checks;
            held_when_checked = held_when_checked && cond.locked();
            return stock >= 2;
        };
        result = co_await cond.wait_for(enough);
        j.add("stock " + std::to_string(stock));
    };
    auto main = [&]() -> aio::Task<> {
        auto c = aio::create_task(consumer());
        for (int i = 0; i < 2; ++i) {
            co_await aio::sleep(1);
            auto held = co_await aio::async_with(cond);
            ++stock;
            cond.notify();
        }
        co_await c;
    };
    aio::run(main());
    EXPECT_TRUE(result);
    EXPECT_EQ(checks, 3);  // at the start and after each of the two notifies
    EXPECT_TRUE(held_when_checked);
    EXPECT_EQ(j.lines, (std::vector<std::string>{"stock 2@2"}));
}

TEST(Condition, WaitForAPredicateThatAlreadyHoldsDoesNotSuspend) {
    std::uint64_t before = 0, after = 0;
    aio::Condition cond;
    auto main = [&]() -> aio::Task<> {
        auto held = co_await aio::async_with(cond);
        before = aio_test::iteration();
        co_await cond.wait_for([] { return true; });
        after = aio_test::iteration();
    };
    aio::run(main());
    EXPECT_EQ(before, after);
}

TEST(Condition, WaitWithoutTheLockThrowsRuntimeError) {
    std::string error;
    aio::Condition cond;
    auto main = [&]() -> aio::Task<> {
        try {
            co_await cond.wait();
        } catch (const aio::RuntimeError& e) {
            error = e.what();
        }
    };
    aio::run(main());
    EXPECT_EQ(error, "cannot wait on un-acquired lock");
}

TEST(Condition, WaitForWithoutTheLockThrowsOnlyWhenItWouldWait) {
    std::string error;
    bool at_once = false;
    aio::Condition cond;
    auto main = [&]() -> aio::Task<> {
        at_once = co_await cond.wait_for([] { return true; });
        try {
            co_await cond.wait_for([] { return false; });
        } catch (const aio::RuntimeError& e) {
            error = e.what();
        }
    };
    aio::run(main());
    EXPECT_TRUE(at_once);
    EXPECT_EQ(error, "cannot wait on un-acquired lock");
}

TEST(Condition, NotifyWithoutTheLockThrowsRuntimeError) {
    aio::Condition cond;
    EXPECT_THROW(cond.notify(), aio::RuntimeError);
    try {
        cond.notify_all();
        FAIL() << "no RuntimeError";
    } catch (const aio::RuntimeError& e) {
        EXPECT_STREQ(e.what(), "cannot notify on un-acquired lock");
    }
}

TEST(Condition, ACancelledWaiterTakesTheLockBackBeforeTheCancellationPropagates) {
    // tests/python/rules/condition_cancelled_waiter_reacquires.py
    Journal j;
    aio::Condition cond;
    bool held_in_handler = false;
    std::string message;
    auto waiter = [&]() -> aio::Task<> {
        co_await cond.acquire();
        try {
            co_await cond.wait();
        } catch (const aio::CancelledError& e) {
            held_in_handler = cond.locked();
            message = e.message();
            j.add("cancelled");
            cond.release();
            throw;
        }
    };
    auto main = [&]() -> aio::Task<> {
        auto w = aio::create_task(waiter());
        co_await aio::sleep(1);
        co_await cond.acquire();
        w.cancel("stop");
        co_await aio::sleep(1);  // w is cancelled but waits for the lock we hold
        j.add("main releases");
        cond.release();
        try {
            co_await w;
        } catch (const aio::CancelledError&) {
            j.add("w cancelled");
        }
    };
    aio::run(main());
    EXPECT_TRUE(held_in_handler);
    EXPECT_EQ(message, "stop");
    EXPECT_FALSE(cond.locked());
    EXPECT_EQ(j.lines, (std::vector<std::string>{"main releases@2", "cancelled@2", "w cancelled@2"}));
}

TEST(Condition, AWaiterCancelledAgainWhileReacquiringRaisesABareCancelledError) {
    aio::Condition cond;
    bool held = false;
    std::string message = "unset";
    auto waiter = [&]() -> aio::Task<> {
        co_await cond.acquire();
        try {
            co_await cond.wait();
        } catch (const aio::CancelledError& e) {
            held = cond.locked();
            message = e.message();
            cond.release();
        }
    };
    auto main = [&]() -> aio::Task<> {
        auto w = aio::create_task(waiter());
        co_await aio::sleep(1);
        co_await cond.acquire();
        w.cancel("first");
        co_await aio::sleep(1);
        w.cancel("second");  // lands while it waits for the lock
        co_await aio::sleep(1);
        cond.release();
        co_await w;
    };
    aio::run(main());
    EXPECT_TRUE(held);
    EXPECT_EQ(message, "");  // asyncio: `raise exceptions.CancelledError`, no message
}

TEST(Condition, ANotifiedWaiterCancelledBeforeItRunsLosesTheNotify) {
    // 3.11: the notify is not passed on to the next waiter (3.13 changed this).
    Journal j;
    aio::Condition cond;
    auto waiter = [&](std::string name) -> aio::Task<> {
        auto held = co_await aio::async_with(cond);
        try {
            co_await cond.wait();
            j.add(name + " notified");
        } catch (const aio::CancelledError&) {
            j.add(name + " cancelled");
        }
    };
    auto main = [&]() -> aio::Task<> {
        auto a = aio::create_task(waiter("a"));
        auto b = aio::create_task(waiter("b"));
        co_await aio::sleep(1);
        {
            auto held = co_await aio::async_with(cond);
            cond.notify();
            a.cancel();
        }
        co_await a;
        co_await aio::sleep(1);
        j.add("b still waiting " + std::to_string(cond.waiting()));
        {
            auto held = co_await aio::async_with(cond);
            cond.notify();
        }
        co_await b;
    };
    aio::run(main());
    EXPECT_EQ(j.lines, (std::vector<std::string>{"a cancelled@1", "b still waiting 1@2", "b notified@2"}));
}

TEST(Condition, SharesAnExistingLock) {
    aio::Lock lock("shared");
    aio::Condition cond(lock, "c");
    bool seen_through_lock = false, seen_through_cond = false;
    auto main = [&]() -> aio::Task<> {
        co_await lock.acquire();
        seen_through_cond = cond.locked();
        cond.notify();  // holding the lock counts as holding the condition
        lock.release();
        co_await cond.acquire();
        seen_through_lock = lock.locked();
        cond.release();
    };
    aio::run(main());
    EXPECT_TRUE(seen_through_cond);
    EXPECT_TRUE(seen_through_lock);
    EXPECT_EQ(&cond.lock(), &lock);
}

TEST(Condition, TheWaitIsReportedAsAWaitOnTheConditionAndTheRelockOnTheLock) {
    aio_test::Recorder rec;
    aio::Condition cond("stock");
    std::uint32_t waiter_id = 0;
    unsigned wait_line = 0;
    auto waiter = [&]() -> aio::Task<> {
        auto held = co_await aio::async_with(cond);
        wait_line = __LINE__; co_await cond.wait();  // clang-format off: one line on purpose
    };
    auto main = [&]() -> aio::Task<> {
        auto w = aio::create_task(waiter());
        waiter_id = w.id();
        co_await aio::sleep(1);
        co_await cond.acquire();
        cond.notify();
        co_await aio::sleep(1);
        cond.release();
        co_await w;
    };
    aio::run(main(), {.sink = &rec});
    const auto created = rec.of(aio::TraceEventKind::ObjectCreated);
    std::uint32_t cond_id = 0, lock_id = 0;
    for (const auto& e : created) {
        if (e.object_kind == aio::ObjectKind::Condition) cond_id = e.object;
        if (e.object_kind == aio::ObjectKind::Lock) lock_id = e.object;
        EXPECT_EQ(e.text, "stock");
    }
    ASSERT_NE(cond_id, 0u);
    ASSERT_NE(lock_id, 0u);
    std::vector<aio::WaitKind> waits;
    for (const auto& e : rec.of(aio::TraceEventKind::Suspended, waiter_id)) {
        waits.push_back(e.wait);
        EXPECT_EQ(e.object, e.wait == aio::WaitKind::Condition ? cond_id : lock_id);
        EXPECT_EQ(e.line, wait_line);  // both at the caller's co_await
    }
    EXPECT_EQ(waits, (std::vector<aio::WaitKind>{aio::WaitKind::Condition, aio::WaitKind::Lock}));
    const auto woken = rec.of(aio::TraceEventKind::Woken, waiter_id);
    ASSERT_FALSE(woken.empty());
    EXPECT_EQ(woken.front().object, cond_id);
    EXPECT_NE(woken.front().other, 0u);  // woken by main's notify
    EXPECT_EQ(rec.of(aio::TraceEventKind::LockAcquire, waiter_id).size(), 2u);
    EXPECT_EQ(rec.of(aio::TraceEventKind::LockRelease, waiter_id).size(), 2u);
}

TEST(Condition, AWaiterNoOneNotifiesIsADeadlockOnTheCondition) {
    // The report names the condition; the cleanup cancels the waiter, which takes the
    // lock back, releases it on the way out, and its frame is freed.
    aio::Condition cond("stock");
    int live = 0;
    std::string what;
    auto waiter = [&]() -> aio::Task<> {
        aio_test::Probe p(live);
        auto held = co_await aio::async_with(cond);
        co_await cond.wait();
    };
    auto main = [&]() -> aio::Task<> { co_await aio::create_task(waiter(), "w"); };
    try {
        aio::run(main());
    } catch (const aio::DeadlockError& e) {
        what = e.what();
    }
    EXPECT_NE(what.find("w waits on Condition"), std::string::npos) << what;
    EXPECT_EQ(live, 0);
    EXPECT_EQ(cond.waiting(), 0u);
    EXPECT_FALSE(cond.locked());
}

}  // namespace
