// aio::to_thread / run_in_executor on the VirtualExecutor: results, exceptions and
// cancellation travel as in asyncio (wrap_future over a concurrent future).
// (GCC 12 destroys a lambda with captures twice when it is written inside a co_await
// expression, so the tests name such lambdas first.)
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using aio_test::Journal;

int twice(int x) { return 2 * x; }

TEST(ToThread, TheResultTravelsBackAsTheAwaitsValue) {
    int got = 0;
    double at = -1;
    auto body = [&]() -> aio::Task<> {
        got = co_await aio::to_thread(twice, 21);
        at = aio::time();
    };
    aio::run(body());
    EXPECT_EQ(got, 42);
    EXPECT_EQ(at, 0.0);  // no declared duration: zero virtual time
}

TEST(ToThread, ADeclaredDurationIsVirtualTime) {
    std::string got;
    double at = -1;
    auto body = [&]() -> aio::Task<> {
        got = co_await aio::to_thread(aio::takes(2.0), [](std::string s) { return s + "!"; }, std::string("hi"));
        at = aio::time();
    };
    aio::run(body());
    EXPECT_EQ(got, "hi!");
    EXPECT_EQ(at, 2.0);
}

TEST(ToThread, WithoutADurationTheResultArrivesThreeIterationsAfterSubmitting) {
    // asyncio: the executor's completion (iteration +1) reaches the loop through
    // call_soon_threadsafe(_set_state) (+2), which wakes the task (+3).
    std::uint64_t before = 0, after = 0;
    auto body = [&]() -> aio::Task<> {
        before = aio_test::iteration();
        co_await aio::to_thread([] {});
        after = aio_test::iteration();
    };
    aio::run(body());
    EXPECT_EQ(after - before, 3u);
}

TEST(ToThread, AnExceptionTravelsBackWithItsTypeAndMessage) {
    std::string caught;
    auto body = [&]() -> aio::Task<> {
        try {
            co_await aio::to_thread([]() -> int { throw std::invalid_argument("no such file"); });
        } catch (const std::invalid_argument& e) {
            caught = e.what();
        }
    };
    aio::run(body());
    EXPECT_EQ(caught, "no such file");
}

TEST(ToThread, BlockingSleepInTheFunctionIsTheThreadsTimeNotTheLoops) {
    Journal j;
    auto ticker = [&]() -> aio::Task<> {
        for (int i = 0; i < 3; ++i) {
            j.add("tick");
            co_await aio::sleep(0.25);
        }
    };
    auto body = [&]() -> aio::Task<> {
        auto t = aio::create_task(ticker());
        int v = co_await aio::to_thread([] {
            aio::blocking_sleep(0.6);
            return 7;
        });
        j.add("result " + std::to_string(v));
        co_await t;
    };
    aio::run(body());
    EXPECT_EQ(j.lines, (std::vector<std::string>{"tick@0", "tick@0.25", "tick@0.5", "result 7@0.6"}));
}

TEST(ToThread, ManyCallsCompleteInDurationOrderEqualDurationsInSubmissionOrder) {
    Journal j;
    auto job = [&](std::string name, double seconds) -> aio::Task<> {
        std::string got = co_await aio::to_thread(aio::takes(seconds), [](std::string n) { return n; }, name);
        j.add(got);
    };
    auto body = [&]() -> aio::Task<> {
        co_await aio::gather(job("a", 0.3), job("b", 0.1), job("c", 0.3), job("d", 0), job("e", 0.1), job("f", 0.2));
    };
    aio::run(body());
    EXPECT_EQ(j.lines, (std::vector<std::string>{"d@0", "b@0.1", "e@0.1", "f@0.2", "a@0.3", "c@0.3"}));
}

TEST(ToThread, CancellingBeforeTheWorkStartedSkipsIt) {
    auto ran = std::make_shared<std::vector<std::string>>();
    Journal j;
    auto job = [&](std::string name) -> aio::Task<> {
        try {
            auto note = [ran](std::string n) { ran->push_back(n); };
            co_await aio::to_thread(aio::takes(1.0), note, name);
            j.add(name + " done");
        } catch (const aio::CancelledError&) {
            j.add(name + " cancelled");
            throw;
        }
    };
    auto body = [&]() -> aio::Task<> {
        aio::get_running_loop().set_default_executor(std::make_shared<aio::VirtualExecutor>(1));
        auto a = aio::create_task(job("a"), "a");
        auto b = aio::create_task(job("b"), "b");  // waits for the one worker
        co_await aio::sleep(0.5);
        b.cancel();
        co_await aio::sleep(2);
    };
    aio::run(body());
    EXPECT_EQ(*ran, std::vector<std::string>{"a"});
    EXPECT_EQ(j.lines, (std::vector<std::string>{"b cancelled@0.5", "a done@1"}));
}

TEST(ToThread, CancellingWhileRunningDropsTheResultAndTheWorkerFinishesIt) {
    auto finished = std::make_shared<bool>(false);
    Journal j;
    auto slow = [&]() -> aio::Task<> {
        auto work = [finished] {
            aio::blocking_sleep(1.0);
            *finished = true;
            return 1;
        };
        co_await aio::to_thread(work);
        j.add("slow got its result");
    };
    auto body = [&]() -> aio::Task<> {
        aio::get_running_loop().set_default_executor(std::make_shared<aio::VirtualExecutor>(1));
        auto t = aio::create_task(slow(), "slow");
        co_await aio::sleep(0.5);
        t.cancel();
        try {
            co_await t;
        } catch (const aio::CancelledError&) {
            j.add("slow cancelled");
        }
        // The only worker is still busy with the cancelled call until t=1.
        co_await aio::to_thread(aio::takes(0.25), [] {});
        j.add("next call done");
    };
    aio::run(body());
    EXPECT_TRUE(*finished);
    EXPECT_EQ(j.lines, (std::vector<std::string>{"slow cancelled@0.5", "next call done@1.25"}));
}

TEST(ToThread, AResultArrivingAfterTheTaskIsGoneIsDropped) {
    auto ran = std::make_shared<int>(0);
    auto body = [&]() -> aio::Task<> {
        aio::create_task(aio::to_thread(aio::takes(5.0), [ran] { return ++*ran; }), "orphan");
        co_await aio::sleep(1);
    };
    aio::run(body());  // main ends first: the orphan is cancelled, its timer dropped
    EXPECT_EQ(*ran, 1);
}

TEST(ToThread, TheTaskWaitsOnAFutureInTheTrace) {
    aio_test::Recorder rec;
    auto body = []() -> aio::Task<> { co_await aio::to_thread(aio::takes(1.0), [] {}); };
    aio::run(body(), {.sink = &rec});
    bool waited = false;
    for (const auto& e : rec.of(aio::TraceEventKind::Suspended)) waited |= e.wait == aio::WaitKind::Future;
    EXPECT_TRUE(waited);
}

TEST(ToThread, RunInExecutorTakesAnExecutorOfItsOwn) {
    auto pool = std::make_shared<aio::VirtualExecutor>(2);
    std::vector<double> done_at;
    auto body = [&]() -> aio::Task<> {
        std::vector<aio::Future<int>> futs;
        for (int i = 0; i < 4; ++i) futs.push_back(aio::run_in_executor(pool, aio::takes(1.0), twice, i));
        for (auto& f : futs) {
            co_await f;
            done_at.push_back(aio::time());
        }
        EXPECT_EQ(futs[3].result(), 6);
    };
    aio::run(body());
    EXPECT_EQ(done_at, (std::vector<double>{1, 1, 2, 2}));  // two workers
}

}  // namespace
