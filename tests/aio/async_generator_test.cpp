// aio::AsyncGenerator: Python's async generators (async for, aclose, athrow, the finalizer
// hook), aio::aclosing and async_with over a one-yield generator (asynccontextmanager).
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace {

using aio_test::Journal;

// Pages 0..n-1, each after `latency`; notes its cleanup (and awaits inside it).
aio::AsyncGenerator<int> pages(Journal* j, int n, double latency) {
    std::exception_ptr error;
    try {
        for (int i = 0; i < n; ++i) {
            co_await aio::sleep(latency);
            j->add("yield " + std::to_string(i));
            co_yield i;
        }
    } catch (...) {
        error = std::current_exception();
    }
    j->add(error ? "cleanup after error" : "cleanup");
    co_await aio::sleep(0.5);
    j->add("cleanup done in " + aio::current_task().name());
    if (error) std::rethrow_exception(error);
}

aio::AsyncGenerator<int> failing(Journal* j) {
    co_yield 1;
    co_await aio::sleep(1);
    j->add("raising");
    throw aio::ValueError("page 2 is broken");
}

TEST(AsyncGenerator, NothingRunsBeforeTheFirstNext) {
    Journal j;
    auto main = [&]() -> aio::Task<> {
        auto gen = pages(&j, 3, 1);
        co_await aio::sleep(2);
        j.add("first next");
        auto first = co_await gen.next();
        j.add("got " + std::to_string(*first));
        co_await gen.aclose();
    };
    aio::run(main());
    EXPECT_EQ(j.lines, (std::vector<std::string>{"first next@2", "yield 0@3", "got 0@3", "cleanup after error@3",
                                                 "cleanup done in Task-1@3.5"}));
}

TEST(AsyncGenerator, AsyncForGetsEveryValueThenAnEmptyOptional) {
    Journal j;
    std::vector<int> got;
    auto main = [&]() -> aio::Task<> {
        auto gen = pages(&j, 3, 1);
        while (auto page = co_await gen.next()) got.push_back(*page);
        j.add("end");
        EXPECT_TRUE(gen.finished());
        EXPECT_FALSE(co_await gen.next());  // StopAsyncIteration again
    };
    aio::run(main());
    EXPECT_EQ(got, (std::vector<int>{0, 1, 2}));
    EXPECT_EQ(j.lines.back(), "end@3.5");
}

TEST(AsyncGenerator, RunsInTheConsumersTaskAndItsAwaitsAreThatTasksWaits) {
    aio_test::Recorder rec;
    Journal j;
    auto consumer = [&]() -> aio::Task<> {
        auto gen = pages(&j, 2, 1);
        while (co_await gen.next()) {
        }
    };
    auto main = [&]() -> aio::Task<> {
        auto c = aio::create_task(consumer(), "consumer");
        co_await c;
        EXPECT_EQ(aio::EventLoop::get().live_tasks(), 1u);  // no task of its own
    };
    aio::run(main(), {.sink = &rec});
    std::uint32_t consumer_id = 0;
    for (const auto& e : rec.of(aio::TraceEventKind::TaskCreated))
        if (e.text == "consumer") consumer_id = e.task;
    ASSERT_NE(consumer_id, 0u);
    const auto waits = rec.of(aio::TraceEventKind::Suspended, consumer_id);
    ASSERT_EQ(waits.size(), 3u);  // two pages and the cleanup's sleep
    for (const auto& w : waits) EXPECT_EQ(w.wait, aio::WaitKind::Sleep);
    EXPECT_LT(waits[0].line, waits[2].line);  // the loop's sleep, then the cleanup's
}

TEST(AsyncGenerator, AnExceptionComesOutOfNextAndEndsTheGenerator) {
    Journal j;
    std::string caught;
    auto main = [&]() -> aio::Task<> {
        auto gen = failing(&j);
        EXPECT_EQ(*co_await gen.next(), 1);
        try {
            co_await gen.next();
        } catch (const aio::ValueError& e) {
            caught = e.what();
        }
        EXPECT_TRUE(gen.finished());
        EXPECT_FALSE(co_await gen.next());
    };
    aio::run(main());
    EXPECT_EQ(caught, "page 2 is broken");
}

TEST(AsyncGenerator, AcloseRaisesGeneratorExitAtTheYieldAndCleanupMayAwait) {
    Journal j;
    auto main = [&]() -> aio::Task<> {
        auto gen = pages(&j, 5, 1);
        co_await gen.next();
        co_await gen.next();
        j.add("closing");
        co_await gen.aclose();
        j.add("closed");
        EXPECT_TRUE(gen.finished());
        EXPECT_FALSE(co_await gen.next());
        co_await gen.aclose();  // a second close does nothing
    };
    aio::run(main());
    EXPECT_EQ(j.lines, (std::vector<std::string>{"yield 0@1", "yield 1@2", "closing@2", "cleanup after error@2",
                                                 "cleanup done in Task-1@2.5", "closed@2.5"}));
}

TEST(AsyncGenerator, AcloseOfAnUnstartedGeneratorRunsNothing) {
    Journal j;
    auto main = [&]() -> aio::Task<> {
        auto gen = pages(&j, 5, 1);
        const auto before = aio_test::iteration();
        co_await gen.aclose();
        EXPECT_EQ(aio_test::iteration(), before);
        EXPECT_FALSE(co_await gen.next());
    };
    aio::run(main());
    EXPECT_TRUE(j.lines.empty());
}

aio::AsyncGenerator<int> stubborn() {
    try {
        co_yield 1;
    } catch (const aio::GeneratorExit&) {
    }
    co_yield 2;  // yields after GeneratorExit
}

TEST(AsyncGenerator, YieldingDuringCloseIsARuntimeError) {
    std::string caught;
    auto main = [&]() -> aio::Task<> {
        auto gen = stubborn();
        co_await gen.next();
        try {
            co_await gen.aclose();
        } catch (const aio::RuntimeError& e) {
            caught = e.what();
        }
    };
    aio::run(main());
    EXPECT_EQ(caught, "async generator ignored GeneratorExit");
}

TEST(AsyncGenerator, CancellingTheConsumerRaisesAtTheAwaitInsideTheGenerator) {
    Journal j;
    bool consumer_saw_cancel = false;
    auto consumer = [&]() -> aio::Task<> {
        auto gen = pages(&j, 5, 1);
        try {
            while (auto page = co_await gen.next()) j.add("got " + std::to_string(*page));
        } catch (const aio::CancelledError&) {
            consumer_saw_cancel = true;
            throw;
        }
    };
    auto main = [&]() -> aio::Task<> {
        auto c = aio::create_task(consumer(), "consumer");
        co_await aio::sleep(1.5);
        c.cancel();
        try {
            co_await c;
        } catch (const aio::CancelledError&) {
            j.add("main: consumer cancelled");
        }
    };
    aio::run(main());
    EXPECT_TRUE(consumer_saw_cancel);
    EXPECT_EQ(j.lines, (std::vector<std::string>{"yield 0@1", "got 0@1", "cleanup after error@1.5",
                                                 "cleanup done in consumer@2", "main: consumer cancelled@2"}));
}

TEST(AsyncGenerator, DroppedAtAYieldItIsClosedByATaskOfTheLoopLater) {
    Journal j;
    auto main = [&]() -> aio::Task<> {
        {
            auto gen = pages(&j, 5, 1);
            co_await gen.next();
            j.add("break");
        }  // dropped without aclose: the loop's finalizer closes it
        j.add("after the loop");
        co_await aio::sleep(0);
        co_await aio::sleep(0);
        j.add("two iterations later");
        co_await aio::sleep(1);
    };
    aio::run(main());
    EXPECT_EQ(j.lines, (std::vector<std::string>{"yield 0@1", "break@1", "after the loop@1", "cleanup after error@1",
                                                 "two iterations later@1", "cleanup done in Task-2@1.5"}));
}

TEST(AsyncGenerator, DroppedWithoutARunningLoopItsFrameIsDestroyed) {
    int live = 0;
    auto gen_fn = [](int* counter) -> aio::AsyncGenerator<int> {
        aio_test::Probe probe(*counter);
        co_yield 1;
        co_yield 2;
    };
    std::optional<aio::AsyncGenerator<int>> kept;
    auto main = [&]() -> aio::Task<> {
        kept.emplace(gen_fn(&live));
        co_await kept->next();
    };
    aio::run(main());
    EXPECT_EQ(live, 1);
    kept.reset();
    EXPECT_EQ(live, 0);
}

TEST(AsyncGenerator, AthrowRaisesAtTheYieldAndGivesTheNextValue) {
    auto gen_fn = []() -> aio::AsyncGenerator<std::string> {
        std::string note;
        try {
            co_yield "first";
        } catch (const aio::ValueError& e) {
            note = std::string("handled ") + e.what();  // (no co_yield inside a catch block)
        }
        co_yield note;
    };
    std::vector<std::string> got;
    auto main = [&]() -> aio::Task<> {
        auto gen = gen_fn();
        got.push_back(*co_await gen.next());
        got.push_back(*co_await gen.athrow(std::make_exception_ptr(aio::ValueError("bad"))));
        EXPECT_FALSE(co_await gen.next());
    };
    aio::run(main());
    EXPECT_EQ(got, (std::vector<std::string>{"first", "handled bad"}));
}

TEST(AsyncGenerator, AclosingClosesRightAfterTheBodyEvenWhenItBreaksEarly) {
    Journal j;
    auto main = [&]() -> aio::Task<> {
        auto gen = pages(&j, 5, 1);
        co_await aio::aclosing(gen, [&](aio::AsyncGenerator<int>& g) -> aio::Task<> {
            while (auto page = co_await g.next())
                if (*page == 1) break;
        });
        j.add("after async with");
    };
    aio::run(main());
    EXPECT_EQ(j.lines, (std::vector<std::string>{"yield 0@1", "yield 1@2", "cleanup after error@2",
                                                 "cleanup done in Task-1@2.5", "after async with@2.5"}));
}

aio::AsyncGenerator<int> connection(Journal* j) {
    j->add("open");
    co_await aio::sleep(0.1);
    std::exception_ptr error;
    try {
        co_yield 7;
    } catch (...) {
        error = std::current_exception();
    }
    co_await aio::sleep(0.1);
    j->add(error ? "close after error" : "close");
    if (error) std::rethrow_exception(error);
}

TEST(AsyncGenerator, AsyncWithOverAOneYieldGeneratorIsAnAsyncContextManager) {
    Journal j;
    bool caught = false;
    auto main = [&]() -> aio::Task<> {
        co_await aio::async_with(connection(&j), [&](int& conn) -> aio::Task<> {
            j.add("use " + std::to_string(conn));
            co_return;
        });
        try {
            co_await aio::async_with(connection(&j), [&](int&) -> aio::Task<> {
                co_await aio::sleep(1);
                throw aio::ValueError("query failed");
            });
        } catch (const aio::ValueError&) {
            caught = true;
        }
    };
    aio::run(main());
    EXPECT_TRUE(caught);
    EXPECT_EQ(j.lines, (std::vector<std::string>{"open@0", "use 7@0.1", "close@0.2", "open@0.2",
                                                 "close after error@1.4"}));
}

TEST(AsyncGenerator, NextWhileRunningIsARuntimeError) {
    Journal j;
    std::string caught;
    auto main = [&]() -> aio::Task<> {
        auto gen = pages(&j, 3, 1);
        auto other = [&]() -> aio::Task<> {
            try {
                co_await gen.next();
            } catch (const aio::RuntimeError& e) {
                caught = e.what();
            }
        };
        auto t = aio::create_task(other());
        co_await gen.next();  // the other task tries while this one waits inside
        co_await t;
        co_await gen.aclose();
    };
    aio::run(main());
    EXPECT_EQ(caught, "anext(): asynchronous generator is already running");
}

}  // namespace
