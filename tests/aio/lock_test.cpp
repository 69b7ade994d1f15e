// aio::Lock (3.11): FIFO, release when unlocked raises, cancelled waiters pass the lock on.
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace {

using aio_test::Journal;

TEST(Lock, WaitersGetTheLockInFifoOrder) {
    Journal j;
    aio::Lock lock;
    auto user = [&](std::string name) -> aio::Task<> {
        co_await lock.acquire();
        j.add(name);
        co_await aio::sleep(1);
        lock.release();
    };
    auto main = [&]() -> aio::Task<> {
        std::vector<aio::Task<>> ts;
        for (std::string n : {"a", "b", "c", "d"}) ts.push_back(aio::create_task(user(n)));
        for (auto& t : ts) co_await t;
    };
    aio::run(main());
    EXPECT_EQ(j.lines, (std::vector<std::string>{"a@0", "b@1", "c@2", "d@3"}));
    EXPECT_FALSE(lock.locked());
}

TEST(Lock, ReleasingAnUnlockedLockThrowsRuntimeError) {
    aio::Lock lock;
    try {
        lock.release();
        FAIL() << "no RuntimeError";
    } catch (const aio::RuntimeError& e) {
        EXPECT_STREQ(e.what(), "Lock is not acquired.");
    }
}

TEST(Lock, LockedReportsTheState) {
    bool during = false;
    aio::Lock lock;
    auto main = [&]() -> aio::Task<> {
        co_await lock.acquire();
        during = lock.locked();
        lock.release();
    };
    aio::run(main());
    EXPECT_TRUE(during);
    EXPECT_FALSE(lock.locked());
}

TEST(Lock, AWokenWaiterThatIsCancelledPassesTheLockOn) {
    // tests/python/rules/lock_cancelled_waiter.py
    Journal j;
    aio::Lock lock;
    bool locked_at_end = true;
    auto waiter = [&](std::string name) -> aio::Task<> {
        try {
            co_await lock.acquire();
        } catch (const aio::CancelledError&) {
            j.add(name + " cancelled while waiting");
            throw;
        }
        j.add(name + " acquired");
        co_await aio::sleep(0.1);
        lock.release();
        j.add(name + " released");
    };
    auto main = [&]() -> aio::Task<> {
        co_await lock.acquire();
        auto w1 = aio::create_task(waiter("w1"));
        auto w2 = aio::create_task(waiter("w2"));
        co_await aio::sleep(0.1);
        lock.release();  // wakes w1 ...
        w1.cancel();     // ... which is cancelled before it runs
        try {
            co_await w1;
        } catch (const aio::CancelledError&) {
        }
        co_await w2;
        locked_at_end = lock.locked();
    };
    aio::run(main());
    EXPECT_FALSE(locked_at_end);
    EXPECT_EQ(j.lines, (std::vector<std::string>{"w1 cancelled while waiting@0.1", "w2 acquired@0.1",
                                                 "w2 released@0.2"}));
}

TEST(Lock, NoBargingAReleaserAskingAgainQueuesBehindTheWaiter) {
    Journal j;
    aio::Lock lock;
    auto greedy = [&]() -> aio::Task<> {
        co_await lock.acquire();
        co_await aio::sleep(1);
        lock.release();
        co_await lock.acquire();
        j.add("greedy again");
        lock.release();
    };
    auto patient = [&]() -> aio::Task<> {
        co_await aio::sleep(0.5);
        co_await lock.acquire();
        j.add("patient");
        co_await aio::sleep(1);
        lock.release();
    };
    auto main = [&]() -> aio::Task<> {
        auto g = aio::create_task(greedy());
        auto p = aio::create_task(patient());
        co_await g;
        co_await p;
    };
    aio::run(main());
    EXPECT_EQ(j.lines, (std::vector<std::string>{"patient@1", "greedy again@2"}));
}

}  // namespace
