// Task.cancel(): a request, delivered as CancelledError at the task's current await.
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <type_traits>

namespace {

using aio_test::Journal;

static_assert(!std::is_base_of_v<std::exception, aio::CancelledError>,
              "CancelledError must not derive from std::exception (it is a BaseException)");

aio::Task<int> sleeps(Journal& j, std::string name, double d) {
    try {
        co_await aio::sleep(d);
    } catch (const aio::CancelledError&) {
        j.add(name + " got CancelledError");
        throw;
    }
    j.add(name + " woke");
    co_return 1;
}

TEST(Cancellation, CancelOnlyRequestsTheTaskIsNotCancelledYet) {
    Journal j;
    bool accepted = false, done_right_after = true, cancelled_right_after = true;
    int cancelling = 0;
    aio::Task<int> t;
    auto main = [&]() -> aio::Task<> {
        t = aio::create_task(sleeps(j, "t", 10));
        co_await aio::sleep(1);
        accepted = t.cancel();
        done_right_after = t.done();
        cancelled_right_after = t.cancelled();
        cancelling = t.cancelling();
        j.add("main after cancel()");
        try {
            co_await t;
        } catch (const aio::CancelledError&) {
        }
    };
    aio::run(main());
    EXPECT_TRUE(accepted);
    EXPECT_FALSE(done_right_after);
    EXPECT_FALSE(cancelled_right_after);
    EXPECT_EQ(cancelling, 1);
    EXPECT_TRUE(t.cancelled());
    EXPECT_EQ(j.lines, (std::vector<std::string>{"main after cancel()@1", "t got CancelledError@1"}));
}

TEST(Cancellation, CancelledErrorArrivesAtTheCurrentAwait) {
    Journal j;
    auto worker = [&]() -> aio::Task<> {
        co_await aio::sleep(1);
        j.add("first sleep done");
        try {
            co_await aio::sleep(10);
            j.add("second sleep done");
        } catch (const aio::CancelledError&) {
            j.add("cancelled in second sleep");
            throw;
        }
    };
    auto main = [&]() -> aio::Task<> {
        auto t = aio::create_task(worker());
        co_await aio::sleep(3);
        t.cancel();
        try {
            co_await t;
        } catch (const aio::CancelledError&) {
        }
    };
    aio::run(main());
    EXPECT_EQ(j.lines, (std::vector<std::string>{"first sleep done@1", "cancelled in second sleep@3"}));
}

TEST(Cancellation, CleanupAfterTheCatchMayAwait) {
    Journal j;
    aio::Task<> t;
    auto worker = [&]() -> aio::Task<> {
        bool cancelled = false;
        try {
            co_await aio::sleep(10);
        } catch (const aio::CancelledError&) {
            cancelled = true;  // C++ forbids co_await inside a handler
        }
        if (cancelled) {
            j.add("cleanup starts");
            co_await aio::sleep(2);
            j.add("cleanup done");
            throw aio::CancelledError();
        }
    };
    auto main = [&]() -> aio::Task<> {
        t = aio::create_task(worker());
        co_await aio::sleep(1);
        t.cancel();
        try {
            co_await t;
        } catch (const aio::CancelledError&) {
            j.add("main sees the cancellation");
        }
    };
    aio::run(main());
    EXPECT_TRUE(t.cancelled());
    EXPECT_EQ(j.lines,
              (std::vector<std::string>{"cleanup starts@1", "cleanup done@3", "main sees the cancellation@3"}));
}

TEST(Cancellation, SwallowingTheCancellationMakesTheTaskNotCancelled) {
    aio::Task<int> t;
    int result = 0;
    auto worker = []() -> aio::Task<int> {
        try {
            co_await aio::sleep(10);
        } catch (const aio::CancelledError&) {
            co_return 5;
        }
        co_return 1;
    };
    auto main = [&]() -> aio::Task<> {
        t = aio::create_task(worker());
        co_await aio::sleep(1);
        t.cancel();
        result = co_await t;
    };
    aio::run(main());
    EXPECT_TRUE(t.done());
    EXPECT_FALSE(t.cancelled());
    EXPECT_EQ(result, 5);
    EXPECT_EQ(t.cancelling(), 1);  // the request is still counted, as in asyncio
}

aio::Task<> long_nap() { co_await aio::sleep(10); }

TEST(Cancellation, UncancelTakesARequestBack) {
    int after_two = 0, after_uncancel = 0;
    auto main = [&]() -> aio::Task<> {
        auto t = aio::create_task(long_nap());
        co_await aio::sleep(0);
        t.cancel();
        t.cancel();
        after_two = t.cancelling();
        after_uncancel = t.uncancel();
        try {
            co_await t;
        } catch (const aio::CancelledError&) {
        }
    };
    aio::run(main());
    EXPECT_EQ(after_two, 2);
    EXPECT_EQ(after_uncancel, 1);
}

TEST(Cancellation, CancelledBeforeItsFirstStepTheBodyNeverRuns) {
    bool ran = false;
    bool accepted = false;
    aio::Task<> t;
    auto body = [&]() -> aio::Task<> {
        ran = true;
        co_return;
    };
    auto main = [&]() -> aio::Task<> {
        t = aio::create_task(body());
        accepted = t.cancel();
        try {
            co_await t;
        } catch (const aio::CancelledError&) {
        }
    };
    aio::run(main());
    EXPECT_TRUE(accepted);
    EXPECT_FALSE(ran);
    EXPECT_TRUE(t.cancelled());
}

TEST(Cancellation, CancelOnAFinishedTaskReturnsFalse) {
    bool second = true;
    aio::Task<int> t;
    Journal j;
    auto main = [&]() -> aio::Task<> {
        t = aio::create_task(sleeps(j, "t", 1));
        co_await t;
        second = t.cancel();
    };
    aio::run(main());
    EXPECT_FALSE(second);
    EXPECT_FALSE(t.cancelled());
    EXPECT_EQ(t.result(), 1);
}

TEST(Cancellation, CatchingStdExceptionDoesNotCatchCancelledError) {
    bool caught_by_std = false;
    bool reached_end = false;
    aio::Task<> t;
    auto worker = [&]() -> aio::Task<> {
        try {
            co_await aio::sleep(10);
        } catch (const std::exception&) {
            caught_by_std = true;
        }
        reached_end = true;
    };
    auto main = [&]() -> aio::Task<> {
        t = aio::create_task(worker());
        co_await aio::sleep(1);
        t.cancel();
        try {
            co_await t;
        } catch (const aio::CancelledError&) {
        }
    };
    aio::run(main());
    EXPECT_FALSE(caught_by_std);
    EXPECT_FALSE(reached_end);
    EXPECT_TRUE(t.cancelled());
}

TEST(Cancellation, CancellingATaskThatAwaitsAnotherCancelsTheAwaitedOneToo) {
    Journal j;
    aio::Task<int> inner;
    aio::Task<> outer;
    auto inner_body = [&]() -> aio::Task<int> {
        bool cancelled = false;
        try {
            co_await aio::sleep(1);
        } catch (const aio::CancelledError&) {
            cancelled = true;
        }
        if (cancelled) {
            j.add("inner cleans up");
            co_await aio::sleep(0.5);
            j.add("inner cleanup done");
            throw aio::CancelledError();
        }
        co_return 1;
    };
    auto outer_body = [&]() -> aio::Task<> {
        try {
            co_await inner;
        } catch (const aio::CancelledError&) {
            j.add("outer: CancelledError");
            throw;
        }
    };
    auto main = [&]() -> aio::Task<> {
        inner = aio::create_task(inner_body(), "inner");
        outer = aio::create_task(outer_body(), "outer");
        co_await aio::sleep(0.25);
        outer.cancel();
        try {
            co_await outer;
        } catch (const aio::CancelledError&) {
        }
    };
    aio::run(main());
    EXPECT_TRUE(outer.cancelled());
    EXPECT_TRUE(inner.cancelled());
    EXPECT_EQ(j.lines, (std::vector<std::string>{"inner cleans up@0.25", "inner cleanup done@0.75",
                                                 "outer: CancelledError@0.75"}));
}

TEST(Cancellation, ACancelledInlineCoroutineRaisesInTheTaskThatAwaitsIt) {
    Journal j;
    aio::Task<> t;
    auto leaf = [&]() -> aio::Task<> { co_await aio::sleep(10); };
    auto middle = [&]() -> aio::Task<> {
        try {
            co_await leaf();
        } catch (const aio::CancelledError&) {
            j.add("middle saw it");
            throw;
        }
    };
    auto main = [&]() -> aio::Task<> {
        t = aio::create_task(middle());
        co_await aio::sleep(2);
        t.cancel();
        try {
            co_await t;
        } catch (const aio::CancelledError&) {
        }
    };
    aio::run(main());
    EXPECT_TRUE(t.cancelled());
    EXPECT_EQ(j.lines, (std::vector<std::string>{"middle saw it@2"}));
}

TEST(Cancellation, ATaskCancelledWhileReadyIsCancelledAtItsNextStep) {
    // The task was woken (sleep(0)) and is in the ready queue when cancel() comes.
    Journal j;
    aio::Task<> t;
    auto worker = [&]() -> aio::Task<> {
        try {
            co_await aio::sleep(0);
            j.add("not reached");
        } catch (const aio::CancelledError&) {
            j.add("cancelled at the yield");
            throw;
        }
    };
    auto main = [&]() -> aio::Task<> {
        t = aio::create_task(worker());
        co_await aio::sleep(0);  // worker runs and yields: it is ready again
        t.cancel();
        try {
            co_await t;
        } catch (const aio::CancelledError&) {
        }
    };
    aio::run(main());
    EXPECT_TRUE(t.cancelled());
    EXPECT_EQ(j.lines, (std::vector<std::string>{"cancelled at the yield@0"}));
}

}  // namespace
