// aio::as_completed (3.11): results in finishing order, errors raised by their await, a
// timeout that makes every remaining await raise TimeoutError, empty and duplicate input.
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace {

using aio_test::Journal;

aio::Task<int> after(double d, int v) {
    co_await aio::sleep(d);
    co_return v;
}

aio::Task<int> fails_after(double d) {
    co_await aio::sleep(d);
    throw aio::ValueError("as_completed boom");
}

TEST(AsCompleted, YieldsResultsInTheOrderTheTasksFinish) {
    Journal j;
    auto main = [&]() -> aio::Task<> {
        std::vector<aio::Task<int>> ts{aio::create_task(after(3, 30)), aio::create_task(after(1, 10)),
                                       aio::create_task(after(2, 20))};
        for (auto next : aio::as_completed(ts)) {
            int r = co_await next;
            j.add(std::to_string(r));
        }
    };
    aio::run(main());
    EXPECT_EQ(j.lines, (std::vector<std::string>{"10@1", "20@2", "30@3"}));
}

TEST(AsCompleted, ResultArrivesTwoIterationsAfterTheTaskFinishes) {
    // The task's done callback puts it into the queue one iteration later, and that wakes
    // the awaiting task for the next one.
    std::uint64_t finished = 0, received = 0;
    auto job = [&]() -> aio::Task<int> {
        co_await aio::sleep(1);
        finished = aio_test::iteration();
        co_return 1;
    };
    auto main = [&]() -> aio::Task<> {
        std::vector<aio::Task<int>> ts{aio::create_task(job())};
        for (auto next : aio::as_completed(ts)) {
            co_await next;
            received = aio_test::iteration();
        }
    };
    aio::run(main());
    EXPECT_EQ(received, finished + 2);
}

TEST(AsCompleted, TasksFinishingInTheSameIterationComeInTheOrderTheirCallbacksRan) {
    std::vector<int> got;
    auto main = [&]() -> aio::Task<> {
        // Equal deadlines: the timers fire in the order the sleeps started (b first).
        auto b = aio::create_task(after(1, 2));
        auto a = aio::create_task(after(1, 1));
        std::vector<aio::Task<int>> ts{a, b};
        for (auto next : aio::as_completed(ts)) got.push_back(co_await next);
    };
    aio::run(main());
    EXPECT_EQ(got, (std::vector<int>{2, 1}));
}

TEST(AsCompleted, AFailedTaskRaisesItsErrorFromItsAwaitAndTheRestGoOn) {
    Journal j;
    auto main = [&]() -> aio::Task<> {
        std::vector<aio::Task<int>> ts{aio::create_task(after(2, 20)), aio::create_task(fails_after(1))};
        for (auto next : aio::as_completed(ts)) {
            try {
                j.add(std::to_string(co_await next));
            } catch (const aio::ValueError& e) {
                j.add(e.what());
            }
        }
    };
    aio::run(main());
    EXPECT_EQ(j.lines, (std::vector<std::string>{"as_completed boom@1", "20@2"}));
}

TEST(AsCompleted, ACancelledTaskRaisesCancelledErrorFromItsAwait) {
    bool cancelled = false;
    auto main = [&]() -> aio::Task<> {
        auto t = aio::create_task(after(5, 1));
        std::vector<aio::Task<int>> ts{t};
        auto it = aio::as_completed(ts);
        for (auto next : it) {
            t.cancel();
            try {
                co_await next;
            } catch (const aio::CancelledError&) {
                cancelled = true;
            }
        }
    };
    aio::run(main());
    EXPECT_TRUE(cancelled);
}

TEST(AsCompleted, AfterTheTimeoutEveryRemainingAwaitRaisesTimeoutError) {
    Journal j;
    std::vector<aio::Task<int>> ts;
    auto main = [&]() -> aio::Task<> {
        ts = {aio::create_task(after(1, 10)), aio::create_task(after(5, 50)), aio::create_task(after(6, 60))};
        for (auto next : aio::as_completed(ts, 2.5)) {
            try {
                j.add(std::to_string(co_await next));
            } catch (const aio::TimeoutError&) {
                j.add("timeout");
            }
        }
        // as_completed does not cancel what is left.
        j.add(std::to_string(co_await ts[2]));
    };
    aio::run(main());
    EXPECT_EQ(j.lines, (std::vector<std::string>{"10@1", "timeout@2.5", "timeout@2.5", "60@6"}));
}

TEST(AsCompleted, TheTimerIsCancelledOnceEveryTaskIsDone) {
    bool timer_left = true;
    auto main = [&]() -> aio::Task<> {
        std::vector<aio::Task<int>> ts{aio::create_task(after(1, 1)), aio::create_task(after(2, 2))};
        auto range = aio::as_completed(ts, 10);
        for (auto next : range) co_await next;
        timer_left = aio::get_running_loop().next_deadline_ns().has_value();
    };
    aio::run(main());
    EXPECT_FALSE(timer_left);
}

TEST(AsCompleted, EmptyInputYieldsNothing) {
    int rounds = 0;
    auto main = [&]() -> aio::Task<> {
        std::vector<aio::Task<int>> none;
        for (auto next : aio::as_completed(none, 1)) {
            co_await next;
            ++rounds;
        }
    };
    aio::run(main());
    EXPECT_EQ(rounds, 0);
}

TEST(AsCompleted, ATaskGivenTwiceIsYieldedOnce) {
    int rounds = 0;
    auto main = [&]() -> aio::Task<> {
        auto t = aio::create_task(after(1, 1));
        std::vector<aio::Task<int>> ts{t, t};
        auto range = aio::as_completed(ts);
        EXPECT_EQ(range.size(), 1u);
        for (auto next : range) {
            co_await next;
            ++rounds;
        }
    };
    aio::run(main());
    EXPECT_EQ(rounds, 1);
}

TEST(AsCompleted, TasksAlreadyDoneComeInTheOrderGivenWithoutWaiting) {
    std::vector<int> got;
    auto main = [&]() -> aio::Task<> {
        auto a = aio::create_task(after(0, 1));
        auto b = aio::create_task(after(0, 2));
        co_await aio::sleep(1);
        std::vector<aio::Task<int>> ts{b, a};
        for (auto next : aio::as_completed(ts)) got.push_back(co_await next);
    };
    aio::run(main());
    EXPECT_EQ(got, (std::vector<int>{2, 1}));
}

TEST(AsCompleted, CoroutinesAreScheduledAsTasksWhenTheIterationBegins) {
    std::vector<int> got;
    auto main = [&]() -> aio::Task<> {
        std::vector<aio::Task<int>> cs;
        cs.push_back(after(2, 2));
        cs.push_back(after(1, 1));
        for (auto next : aio::as_completed(std::move(cs))) got.push_back(co_await next);
    };
    aio::run(main());
    EXPECT_EQ(got, (std::vector<int>{1, 2}));
}

TEST(AsCompleted, WorksWithFutures) {
    std::vector<std::string> got;
    auto main = [&]() -> aio::Task<> {
        auto f = aio::create_future<std::string>();
        auto g = aio::create_future<std::string>();
        aio::get_running_loop().call_later(1, [g]() mutable { g.set_result("g"); });
        aio::get_running_loop().call_later(2, [f]() mutable { f.set_result("f"); });
        std::vector<aio::Future<std::string>> fs{f, g};
        for (auto next : aio::as_completed(fs)) got.push_back(co_await next);
    };
    aio::run(main());
    EXPECT_EQ(got, (std::vector<std::string>{"g", "f"}));
}

TEST(AsCompleted, AVoidTaskGivesNothingButItsError) {
    int ok = 0, failed = 0;
    auto quiet = [](double d, bool fail) -> aio::Task<> {
        co_await aio::sleep(d);
        if (fail) throw aio::ValueError("void boom");
    };
    auto main = [&]() -> aio::Task<> {
        std::vector<aio::Task<>> ts{aio::create_task(quiet(1, false)), aio::create_task(quiet(2, true))};
        for (auto next : aio::as_completed(ts)) {
            try {
                co_await next;
                ++ok;
            } catch (const aio::ValueError&) {
                ++failed;
            }
        }
    };
    aio::run(main());
    EXPECT_EQ(ok, 1);
    EXPECT_EQ(failed, 1);
}

TEST(AsCompleted, AnAwaitCancelledWhileWaitingRaisesCancelledErrorAndTheNextOneStillGetsItsResult) {
    Journal j;
    auto main = [&]() -> aio::Task<> {
        std::vector<aio::Task<int>> ts{aio::create_task(after(1, 10)), aio::create_task(after(2, 20))};
        auto range = aio::as_completed(ts);
        auto it = range.begin();
        auto first = *it;
        auto consume = [&]() -> aio::Task<int> { co_return co_await first; };
        auto c = aio::create_task(consume());
        co_await aio::sleep(0.5);
        c.cancel();
        try {
            co_await c;
        } catch (const aio::CancelledError&) {
            j.add("first await cancelled");
        }
        for (; it != range.end(); ++it) j.add(std::to_string(co_await *it));
    };
    aio::run(main());
    EXPECT_EQ(j.lines, (std::vector<std::string>{"first await cancelled@0.5", "10@1", "20@2"}));
}

TEST(AsCompleted, LeavingTheLoopEarlyLeavesNoCallbackBehind) {
    int live = 0;
    auto job = [&](double d) -> aio::Task<int> {
        aio_test::Probe p(live);
        co_await aio::sleep(d);
        co_return 0;
    };
    auto main = [&]() -> aio::Task<> {
        std::vector<aio::Task<int>> ts{aio::create_task(job(1)), aio::create_task(job(2))};
        for (auto next : aio::as_completed(ts, 5)) {
            co_await next;
            break;
        }
        co_await ts[1];
    };
    aio::run(main());
    EXPECT_EQ(live, 0);
}

}  // namespace
