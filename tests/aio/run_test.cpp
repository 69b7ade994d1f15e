// aio::run: asyncio.run for aio.
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace {

using aio_test::Journal;

aio::Task<int> answer() { co_return 42; }

aio::Task<int> fails() {
    co_await aio::sleep(1);
    throw aio::ValueError("boom");
}

TEST(Run, ReturnsTheResultOfMain) { EXPECT_EQ(aio::run(answer()), 42); }

TEST(Run, ReturnsAStringResultOfMain) {
    auto main = []() -> aio::Task<std::string> {
        co_await aio::sleep(0.5);
        co_return "seven";
    };
    EXPECT_EQ(aio::run(main()), "seven");
}

TEST(Run, RethrowsTheExceptionOfMain) {
    try {
        aio::run(fails());
        FAIL() << "run returned";
    } catch (const aio::ValueError& e) {
        EXPECT_STREQ(e.what(), "boom");
    }
}

TEST(Run, RethrowsAStdExceptionOfMainUnchanged) {
    auto main = []() -> aio::Task<> {
        co_await aio::sleep(0);
        throw std::out_of_range("index");
    };
    EXPECT_THROW(aio::run(main()), std::out_of_range);
}

TEST(Run, InsideRunThrowsRuntimeErrorWithAClearMessage) {
    std::string message;
    auto main = [&]() -> aio::Task<> {
        try {
            aio::run(answer());
        } catch (const aio::RuntimeError& e) {
            message = e.what();
        }
        co_return;
    };
    aio::run(main());
    EXPECT_EQ(message, "aio::run() cannot be called from a running event loop");
}

TEST(Run, CanBeCalledAgainAfterARunFinished) {
    EXPECT_EQ(aio::run(answer()), 42);
    EXPECT_EQ(aio::run(answer()), 42);
    EXPECT_EQ(aio::EventLoop::current(), nullptr);
}

TEST(Run, CreateTaskOutsideOfALoopThrowsRuntimeError) {
    EXPECT_THROW(aio::create_task(answer()), aio::RuntimeError);
}

aio::Task<> worker(Journal& j, std::string name) {
    bool cancelled = false;
    try {
        co_await aio::sleep(100);
        j.add(name + " finished");
    } catch (const aio::CancelledError&) {
        cancelled = true;
        j.add(name + " cancelled");
    }
    if (cancelled) {
        co_await aio::sleep(1);  // cleanup that awaits
        j.add(name + " cleaned up");
        throw aio::CancelledError();
    }
}

TEST(Run, RemainingTasksAreCancelledInCreationOrderAndTheirCleanupRuns) {
    Journal j;
    aio::Task<> w1, w2;
    auto main = [&]() -> aio::Task<int> {
        w1 = aio::create_task(worker(j, "w1"));
        w2 = aio::create_task(worker(j, "w2"));
        co_await aio::sleep(2);
        j.add("main returns");
        co_return 5;
    };
    EXPECT_EQ(aio::run(main()), 5);
    EXPECT_EQ(j.lines, (std::vector<std::string>{"main returns@2", "w1 cancelled@2", "w2 cancelled@2",
                                                 "w1 cleaned up@3", "w2 cleaned up@3"}));
    EXPECT_TRUE(w1.cancelled());
    EXPECT_TRUE(w2.cancelled());
}

TEST(Run, ATaskCreatedInMainsLastStepStillGetsItsFirstStep) {
    // asyncio stops the loop from main's done callback, which is queued after the task's first step.
    bool ran = false;
    aio::Task<> t;
    auto body = [&]() -> aio::Task<> {
        ran = true;
        co_return;
    };
    auto main = [&]() -> aio::Task<> {
        t = aio::create_task(body());
        co_return;
    };
    aio::run(main());
    EXPECT_TRUE(ran);
    EXPECT_TRUE(t.done());
    EXPECT_FALSE(t.cancelled());
}

TEST(Run, ATaskCreatedInTheStoppingIterationIsCancelledWithoutRunningItsBody) {
    bool ran = false;
    aio::Task<> late;
    auto body = [&]() -> aio::Task<> {
        ran = true;
        co_return;
    };
    auto helper = [&]() -> aio::Task<> {
        co_await aio::sleep(0);
        late = aio::create_task(body());  // queued behind main's done callback
    };
    auto main = [&]() -> aio::Task<> {
        aio::create_task(helper());
        co_await aio::sleep(0);
    };
    aio::run(main());
    EXPECT_FALSE(ran);
    EXPECT_TRUE(late.done());
    EXPECT_TRUE(late.cancelled());
}

TEST(Run, RaisesCancelledErrorWhenMainIsCancelled) {
    auto main = []() -> aio::Task<int> {
        aio::current_task().cancel();
        co_await aio::sleep(1);
        co_return 1;
    };
    EXPECT_THROW(aio::run(main()), aio::CancelledError);
}

TEST(Run, WhenMainFailsTheOtherTasksAreStillCancelledAndCleanedUp) {
    Journal j;
    auto main = [&]() -> aio::Task<> {
        aio::create_task(worker(j, "w"));
        co_await aio::sleep(1);
        throw aio::ValueError("main failed");
    };
    EXPECT_THROW(aio::run(main()), aio::ValueError);
    EXPECT_EQ(j.lines, (std::vector<std::string>{"w cancelled@1", "w cleaned up@2"}));
}

}  // namespace
