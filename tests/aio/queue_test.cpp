// aio::Queue, LifoQueue, PriorityQueue: asyncio's queues, waiters in FIFO lines.
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace {

using aio_test::Journal;

TEST(Queue, GivesItemsFirstInFirstOut) {
    std::vector<int> got;
    auto main = [&]() -> aio::Task<> {
        aio::Queue<int> q;
        for (int i : {3, 1, 2}) co_await q.put(i);
        while (!q.empty()) got.push_back(co_await q.get());
    };
    aio::run(main());
    EXPECT_EQ(got, (std::vector<int>{3, 1, 2}));
}

TEST(LifoQueue, GivesTheLastItemFirst) {
    std::vector<int> got;
    auto main = [&]() -> aio::Task<> {
        aio::LifoQueue<int> q;
        for (int i : {3, 1, 2}) q.put_nowait(i);
        while (!q.empty()) got.push_back(co_await q.get());
    };
    aio::run(main());
    EXPECT_EQ(got, (std::vector<int>{2, 1, 3}));
}

TEST(PriorityQueue, GivesTheSmallestItemFirst) {
    std::vector<std::pair<int, std::string>> got;
    auto main = [&]() -> aio::Task<> {
        aio::PriorityQueue<std::pair<int, std::string>> q;
        q.put_nowait({5, "low"});
        q.put_nowait({1, "urgent"});
        q.put_nowait({3, "normal"});
        q.put_nowait({1, "also urgent"});
        while (!q.empty()) got.push_back(co_await q.get());
    };
    aio::run(main());
    using P = std::pair<int, std::string>;
    EXPECT_EQ(got, (std::vector<P>{{1, "also urgent"}, {1, "urgent"}, {3, "normal"}, {5, "low"}}));
}

TEST(Queue, ReportsQsizeEmptyFullAndMaxsize) {
    aio::Queue<int> q(2);
    EXPECT_EQ(q.maxsize(), 2);
    EXPECT_TRUE(q.empty());
    EXPECT_FALSE(q.full());
    q.put_nowait(1);
    EXPECT_EQ(q.qsize(), 1u);
    EXPECT_FALSE(q.empty());
    EXPECT_FALSE(q.full());
    q.put_nowait(2);
    EXPECT_TRUE(q.full());
    aio::Queue<int> unbounded;
    for (int i = 0; i < 1000; ++i) unbounded.put_nowait(i);
    EXPECT_FALSE(unbounded.full());
}

TEST(Queue, PutNowaitOnAFullQueueThrowsQueueFull) {
    aio::Queue<int> q(1);
    q.put_nowait(1);
    EXPECT_THROW(q.put_nowait(2), aio::QueueFull);
    EXPECT_EQ(q.qsize(), 1u);
}

TEST(Queue, GetNowaitOnAnEmptyQueueThrowsQueueEmpty) {
    aio::Queue<int> q;
    EXPECT_THROW(q.get_nowait(), aio::QueueEmpty);
}

TEST(Queue, MaxsizeMakesProducersWaitForConsumers) {
    Journal j;
    auto main = [&]() -> aio::Task<> {
        aio::Queue<int> q(1);
        auto producer = [&]() -> aio::Task<> {
            for (int i = 0; i < 3; ++i) {
                co_await q.put(i);
                j.add("put " + std::to_string(i));
            }
        };
        auto consumer = [&]() -> aio::Task<> {
            for (int i = 0; i < 3; ++i) {
                co_await aio::sleep(1);
                j.add("got " + std::to_string(co_await q.get()));
            }
        };
        auto p = aio::create_task(producer());
        auto c = aio::create_task(consumer());
        co_await p;
        co_await c;
    };
    aio::run(main());
    EXPECT_EQ(j.lines, (std::vector<std::string>{"put 0@0", "got 0@1", "put 1@1", "got 1@2", "put 2@2", "got 2@3"}));
}

TEST(Queue, JoinWaitsUntilEveryItemIsMarkedDone) {
    Journal j;
    auto main = [&]() -> aio::Task<> {
        aio::Queue<int> q;
        auto worker = [&]() -> aio::Task<> {
            while (true) {
                int item = co_await q.get();
                co_await aio::sleep(item);
                j.add("done " + std::to_string(item));
                q.task_done();
            }
        };
        for (int i : {1, 2}) q.put_nowait(i);
        auto w = aio::create_task(worker());
        co_await q.join();
        j.add("joined");
        w.cancel();  // the worker uses q and must be gone before main's frame is
        try {
            co_await w;
        } catch (const aio::CancelledError&) {
        }
    };
    aio::run(main());
    EXPECT_EQ(j.lines, (std::vector<std::string>{"done 1@1", "done 2@3", "joined@3"}));
}

TEST(Queue, JoinOnAQueueWithNoUnfinishedWorkReturnsAtOnce) {
    std::uint64_t before = 0, after = 0;
    auto main = [&]() -> aio::Task<> {
        aio::Queue<int> q;
        q.put_nowait(1);
        (void)q.get_nowait();
        q.task_done();
        before = aio_test::iteration();
        co_await q.join();
        after = aio_test::iteration();
    };
    aio::run(main());
    EXPECT_EQ(before, after);
}

TEST(Queue, TaskDoneCalledTooManyTimesThrowsValueError) {
    aio::Queue<int> q;
    q.put_nowait(1);
    (void)q.get_nowait();
    q.task_done();
    try {
        q.task_done();
        FAIL() << "no ValueError";
    } catch (const aio::ValueError& e) {
        EXPECT_STREQ(e.what(), "task_done() called too many times");
    }
}

aio::Task<> getter(Journal& j, aio::Queue<std::string>& q, std::string name) {
    j.add(name + " waits");
    std::string item = co_await q.get();
    j.add(name + " got " + item);
}

TEST(Queue, WaitingGettersAreServedFirstInFirstOut) {
    Journal j;
    auto main = [&]() -> aio::Task<> {
        aio::Queue<std::string> q;
        auto g1 = aio::create_task(getter(j, q, "g1"));
        auto g2 = aio::create_task(getter(j, q, "g2"));
        auto g3 = aio::create_task(getter(j, q, "g3"));
        co_await aio::sleep(1);
        for (std::string s : {"a", "b", "c"}) q.put_nowait(s);
        co_await g1;
        co_await g2;
        co_await g3;
    };
    aio::run(main());
    EXPECT_EQ(j.lines, (std::vector<std::string>{"g1 waits@0", "g2 waits@0", "g3 waits@0", "g1 got a@1", "g2 got b@1",
                                                 "g3 got c@1"}));
}

TEST(Queue, WaitingPuttersAreServedFirstInFirstOut) {
    std::vector<int> got;
    auto main = [&]() -> aio::Task<> {
        aio::Queue<int> q(1);
        q.put_nowait(0);
        auto putter = [&](int v) -> aio::Task<> { co_await q.put(v); };
        auto p1 = aio::create_task(putter(1));
        auto p2 = aio::create_task(putter(2));
        auto p3 = aio::create_task(putter(3));
        co_await aio::sleep(1);
        for (int i = 0; i < 4; ++i) got.push_back(co_await q.get());
        co_await p1;
        co_await p2;
        co_await p3;
    };
    aio::run(main());
    EXPECT_EQ(got, (std::vector<int>{0, 1, 2, 3}));
}

TEST(Queue, AWokenGetterThatLosesItsItemGoesToTheEndOfTheLine) {
    // tests/python/rules/queue_getter_loses_item.py
    Journal j;
    auto main = [&]() -> aio::Task<> {
        aio::Queue<std::string> q;
        auto g1 = aio::create_task(getter(j, q, "g1"));
        auto g2 = aio::create_task(getter(j, q, "g2"));
        co_await aio::sleep(0.1);
        q.put_nowait("x");  // wakes g1 ...
        j.add("main took " + q.get_nowait());  // ... but main takes it first
        co_await aio::sleep(0.1);
        q.put_nowait("y");
        co_await aio::sleep(0.1);
        q.put_nowait("z");
        co_await g1;
        co_await g2;
    };
    aio::run(main());
    EXPECT_EQ(j.lines, (std::vector<std::string>{"g1 waits@0", "g2 waits@0", "main took x@0.1", "g2 got y@0.2",
                                                 "g1 got z@0.3"}));
}

TEST(Queue, AWokenGetterThatMustWaitAgainWaitsAtItsOwnAwait) {
    // The getter that lost its item suspends a second time: the trace must name its own
    // `co_await q.get()`, not the line some other task awaited at last (main's sleep).
    Journal j;
    aio_test::Recorder rec;
    std::uint32_t g1_id = 0;
    auto main = [&]() -> aio::Task<> {
        aio::Queue<std::string> q;
        auto g1 = aio::create_task(getter(j, q, "g1"));
        g1_id = g1.id();
        co_await aio::sleep(0.1);
        q.put_nowait("x");  // wakes g1 ...
        j.add("main took " + q.get_nowait());
        co_await aio::sleep(0.1);  // ... which must wait again while main sleeps here
        q.put_nowait("y");
        co_await g1;
    };
    aio::run(main(), {.sink = &rec});
    const auto waits = rec.of(aio::TraceEventKind::Suspended, g1_id);
    ASSERT_EQ(waits.size(), 2u);
    EXPECT_EQ(waits[1].wait, aio::WaitKind::QueueGet);
    EXPECT_EQ(waits[1].line, waits[0].line);
    EXPECT_STREQ(waits[1].file, waits[0].file);
}

TEST(Queue, AWokenGetterThatIsCancelledPassesItsWakeUpOn) {
    // tests/python/rules/queue_cancelled_getter.py
    Journal j;
    std::size_t left = 99;
    bool g1_cancelled = false;
    auto main = [&]() -> aio::Task<> {
        aio::Queue<std::string> q;
        auto g1 = aio::create_task(getter(j, q, "g1"));
        auto g2 = aio::create_task(getter(j, q, "g2"));
        co_await aio::sleep(0.1);
        q.put_nowait("x");  // wakes g1 ...
        g1.cancel();        // ... which is cancelled before it runs
        try {
            co_await g1;
        } catch (const aio::CancelledError&) {
            g1_cancelled = true;
        }
        co_await g2;
        left = q.qsize();
    };
    aio::run(main());
    EXPECT_TRUE(g1_cancelled);
    EXPECT_EQ(left, 0u);
    EXPECT_EQ(j.lines, (std::vector<std::string>{"g1 waits@0", "g2 waits@0", "g2 got x@0.1"}));
}

TEST(Queue, ACancelledWaitingGetterLeavesTheLine) {
    Journal j;
    auto main = [&]() -> aio::Task<> {
        aio::Queue<std::string> q;
        auto g1 = aio::create_task(getter(j, q, "g1"));
        auto g2 = aio::create_task(getter(j, q, "g2"));
        co_await aio::sleep(0.1);
        g1.cancel();
        co_await aio::sleep(0.1);
        q.put_nowait("x");
        co_await g2;
    };
    aio::run(main());
    EXPECT_EQ(j.lines, (std::vector<std::string>{"g1 waits@0", "g2 waits@0", "g2 got x@0.2"}));
}

TEST(Queue, AWokenPutterThatIsCancelledPassesItsWakeUpOn) {
    Journal j;
    auto main = [&]() -> aio::Task<> {
        aio::Queue<std::string> q(1);
        q.put_nowait("first");
        auto putter = [&](std::string item) -> aio::Task<> {
            try {
                co_await q.put(item);
            } catch (const aio::CancelledError&) {
                j.add(item + " cancelled");
                throw;
            }
            j.add(item + " put");
        };
        auto p1 = aio::create_task(putter("p1"));
        auto p2 = aio::create_task(putter("p2"));
        co_await aio::sleep(1);
        j.add("main got " + q.get_nowait());  // frees a slot and wakes p1 ...
        p1.cancel();                           // ... which is cancelled before it runs
        try {
            co_await p1;
        } catch (const aio::CancelledError&) {
        }
        co_await p2;
        j.add("main got " + q.get_nowait());
    };
    aio::run(main());
    EXPECT_EQ(j.lines, (std::vector<std::string>{"main got first@1", "p1 cancelled@1", "p2 put@1", "main got p2@1"}));
}

}  // namespace
