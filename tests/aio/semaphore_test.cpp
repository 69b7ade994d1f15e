// aio::Semaphore / BoundedSemaphore (3.11): FIFO, no barging, cancelled waiters pass the permit on.
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace {

using aio_test::Journal;

aio::Task<> holder(Journal& j, aio::Semaphore& sem, std::string name, double hold) {
    co_await sem.acquire();
    j.add(name + " in");
    co_await aio::sleep(hold);
    j.add(name + " out");
    sem.release();
}

TEST(Semaphore, LetsValueHoldersInAndTheRestInFifoOrder) {
    Journal j;
    aio::Semaphore sem(2);
    auto main = [&]() -> aio::Task<> {
        std::vector<aio::Task<>> ts;
        ts.push_back(aio::create_task(holder(j, sem, "a", 3)));
        ts.push_back(aio::create_task(holder(j, sem, "b", 1)));
        ts.push_back(aio::create_task(holder(j, sem, "c", 1)));
        ts.push_back(aio::create_task(holder(j, sem, "d", 1)));
        for (auto& t : ts) co_await t;
    };
    aio::run(main());
    EXPECT_EQ(j.lines, (std::vector<std::string>{"a in@0", "b in@0", "b out@1", "c in@1", "c out@2", "d in@2",
                                                 "a out@3", "d out@3"}));
    EXPECT_EQ(sem.value(), 2);
}

TEST(Semaphore, NoBargingAReleaserAskingAgainQueuesBehindTheWaiter) {
    // tests/python/rules/semaphore_no_barging.py
    Journal j;
    aio::Semaphore sem(1);
    bool locked_after_release = false;
    auto greedy = [&]() -> aio::Task<> {
        co_await sem.acquire();
        j.add("greedy acquired");
        co_await aio::sleep(0.1);
        sem.release();
        locked_after_release = sem.locked();
        co_await sem.acquire();
        j.add("greedy acquired again");
        sem.release();
    };
    auto patient = [&]() -> aio::Task<> {
        co_await aio::sleep(0.05);
        co_await sem.acquire();
        j.add("patient acquired");
        co_await aio::sleep(0.1);
        sem.release();
        j.add("patient released");
    };
    auto main = [&]() -> aio::Task<> {
        auto g = aio::create_task(greedy());
        auto p = aio::create_task(patient());
        co_await g;
        co_await p;
    };
    aio::run(main());
    EXPECT_TRUE(locked_after_release);
    EXPECT_EQ(j.lines, (std::vector<std::string>{"greedy acquired@0", "patient acquired@0.1", "patient released@0.2",
                                                 "greedy acquired again@0.2"}));
}

TEST(Semaphore, AWokenWaiterThatIsCancelledPassesThePermitOn) {
    // tests/python/rules/semaphore_cancelled_waiter.py
    Journal j;
    aio::Semaphore sem(1);
    bool locked_at_end = true;
    auto waiter = [&](std::string name) -> aio::Task<> {
        try {
            co_await sem.acquire();
        } catch (const aio::CancelledError&) {
            j.add(name + " cancelled while waiting");
            throw;
        }
        j.add(name + " acquired");
        co_await aio::sleep(0.1);
        sem.release();
    };
    auto main = [&]() -> aio::Task<> {
        co_await sem.acquire();
        auto w1 = aio::create_task(waiter("w1"));
        auto w2 = aio::create_task(waiter("w2"));
        co_await aio::sleep(0.1);
        sem.release();  // wakes w1 ...
        w1.cancel();    // ... which is cancelled before it runs
        try {
            co_await w1;
        } catch (const aio::CancelledError&) {
        }
        co_await w2;
        locked_at_end = sem.locked();
    };
    aio::run(main());
    EXPECT_FALSE(locked_at_end);
    EXPECT_EQ(j.lines, (std::vector<std::string>{"w1 cancelled while waiting@0.1", "w2 acquired@0.1"}));
    EXPECT_EQ(sem.value(), 1);
}

TEST(Semaphore, NegativeInitialValueThrowsValueError) { EXPECT_THROW(aio::Semaphore(-1), aio::ValueError); }

TEST(Semaphore, PlainSemaphoreMayBeReleasedAboveItsInitialValue) {
    aio::Semaphore sem(1);
    sem.release();
    EXPECT_EQ(sem.value(), 2);
}

TEST(BoundedSemaphore, ReleasingMoreThanAcquiredThrowsValueError) {
    bool threw = false;
    int value = -1;
    aio::BoundedSemaphore sem(2);
    auto main = [&]() -> aio::Task<> {
        co_await sem.acquire();
        sem.release();
        try {
            sem.release();
        } catch (const aio::ValueError&) {
            threw = true;
        }
        value = sem.value();
    };
    aio::run(main());
    EXPECT_TRUE(threw);
    EXPECT_EQ(value, 2);
}

}  // namespace
