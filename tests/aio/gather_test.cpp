// aio::gather: results in argument order, return_exceptions, first error, cancellation.
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace {

using aio_test::holds;
using aio_test::Journal;

aio::Task<int> value_after(Journal& j, int v, double d) {
    co_await aio::sleep(d);
    j.add("done " + std::to_string(v));
    co_return v;
}

aio::Task<std::string> text_after(std::string s, double d) {
    co_await aio::sleep(d);
    co_return s;
}

aio::Task<> nothing_after(double d) { co_await aio::sleep(d); }

aio::Task<int> fail_after(Journal& j, double d) {
    co_await aio::sleep(d);
    j.add("fail");
    throw aio::ValueError("boom");
}

TEST(Gather, ReturnsResultsInArgumentOrderNotCompletionOrder) {
    Journal j;
    std::tuple<int, std::string, std::monostate, int> got;
    double t = 0;
    auto main = [&]() -> aio::Task<> {
        got = co_await aio::gather(value_after(j, 1, 3), text_after("two", 1), nothing_after(2), value_after(j, 4, 0.5));
        t = aio::time();
    };
    aio::run(main());
    EXPECT_EQ(std::get<0>(got), 1);
    EXPECT_EQ(std::get<1>(got), "two");
    EXPECT_EQ(std::get<3>(got), 4);
    EXPECT_EQ(j.lines, (std::vector<std::string>{"done 4@0.5", "done 1@3"}));
    EXPECT_EQ(t, 3.0);
}

TEST(Gather, VectorFormReturnsResultsInInputOrder) {
    Journal j;
    std::vector<int> got;
    auto main = [&]() -> aio::Task<> {
        std::vector<aio::Task<int>> tasks;
        for (int i = 0; i < 5; ++i) tasks.push_back(value_after(j, i, 5 - i));
        got = co_await aio::gather(std::move(tasks));
    };
    aio::run(main());
    EXPECT_EQ(got, (std::vector<int>{0, 1, 2, 3, 4}));
    EXPECT_EQ(j.lines.front(), "done 4@1");
}

TEST(Gather, OfNothingCompletesAtOnce) {
    std::vector<int> got{1};
    auto main = [&]() -> aio::Task<> { got = co_await aio::gather(std::vector<aio::Task<int>>{}); };
    aio::run(main());
    EXPECT_TRUE(got.empty());
}

TEST(Gather, AcceptsTasksThatAreAlreadyScheduled) {
    Journal j;
    std::tuple<int, int> got;
    auto main = [&]() -> aio::Task<> {
        auto a = aio::create_task(value_after(j, 10, 1));
        auto b = aio::create_task(value_after(j, 20, 2));
        got = co_await aio::gather(a, b);
    };
    aio::run(main());
    EXPECT_EQ(got, std::make_tuple(10, 20));
}

TEST(Gather, WithReturnExceptionsReturnsErrorsAsResults) {
    Journal j;
    bool threw = false;
    std::string message;
    bool ok0 = false, ok1 = true, is_value_error = false;
    int v0 = 0;
    auto main = [&]() -> aio::Task<> {
        try {
            auto [r0, r1] = co_await aio::gather(aio::return_exceptions, value_after(j, 1, 2), fail_after(j, 1));
            ok0 = r0.ok();
            v0 = r0.value();
            ok1 = r1.ok();
            is_value_error = holds<aio::ValueError>(r1.error());
            message = r1.message();
        } catch (...) {
            threw = true;
        }
    };
    aio::run(main());
    EXPECT_FALSE(threw);
    EXPECT_TRUE(ok0);
    EXPECT_EQ(v0, 1);
    EXPECT_FALSE(ok1);
    EXPECT_TRUE(is_value_error);
    EXPECT_EQ(message, "ValueError: boom");
}

TEST(Gather, WithReturnExceptionsReportsACancelledChild) {
    Journal j;
    std::vector<aio::Result<int>> got;
    auto main = [&]() -> aio::Task<> {
        auto victim = aio::create_task(value_after(j, 1, 5));
        auto canceller = [&]() -> aio::Task<int> {
            co_await aio::sleep(1);
            victim.cancel();
            co_return 2;
        };
        // (GCC 12 cannot compile a braced vector inside the co_await expression: "array used as initializer")
        std::vector<aio::Task<int>> children{victim, canceller()};
        got = co_await aio::gather(aio::return_exceptions, std::move(children));
    };
    aio::run(main());
    ASSERT_EQ(got.size(), 2u);
    EXPECT_TRUE(got[0].cancelled());
    EXPECT_FALSE(got[0].ok());
    EXPECT_TRUE(got[1].ok());
    EXPECT_EQ(got[1].value(), 2);
}

TEST(Gather, FirstExceptionPropagatesWhileTheOthersKeepRunning) {
    Journal j;
    auto main = [&]() -> aio::Task<> {
        try {
            co_await aio::gather(value_after(j, 1, 3), fail_after(j, 1), value_after(j, 2, 2));
            j.add("gather returned");
        } catch (const aio::ValueError& e) {
            j.add(std::string("caught ") + e.what());
        }
        co_await aio::sleep(5);
        j.add("main done");
    };
    aio::run(main());
    EXPECT_EQ(j.lines, (std::vector<std::string>{"fail@1", "caught boom@1", "done 2@2", "done 1@3", "main done@6"}));
}

aio::Task<int> cancellable(Journal& j, std::string name, double d) {
    try {
        co_await aio::sleep(d);
    } catch (const aio::CancelledError&) {
        j.add(name + " cancelled");
        throw;
    }
    j.add(name + " done");
    co_return 0;
}

TEST(Gather, CancellingTheAwaitingTaskCancelsTheChildren) {
    Journal j;
    aio::Task<> outer;
    auto waits_on_gather = [&]() -> aio::Task<> {
        try {
            co_await aio::gather(cancellable(j, "a", 5), cancellable(j, "b", 10));
            j.add("gather returned");
        } catch (const aio::CancelledError&) {
            j.add("outer cancelled");
            throw;
        }
    };
    auto main = [&]() -> aio::Task<> {
        outer = aio::create_task(waits_on_gather());
        co_await aio::sleep(1);
        outer.cancel();
        try {
            co_await outer;
        } catch (const aio::CancelledError&) {
            j.add("main saw CancelledError");
        }
    };
    aio::run(main());
    EXPECT_TRUE(outer.cancelled());
    EXPECT_EQ(j.lines, (std::vector<std::string>{"a cancelled@1", "b cancelled@1", "outer cancelled@1",
                                                 "main saw CancelledError@1"}));
}

aio::Task<int> swallows(Journal& j, std::string name) {
    try {
        co_await aio::sleep(5);
    } catch (const aio::CancelledError&) {
        j.add(name + " swallowed");
    }
    co_return 1;
}

TEST(Gather, CancelledGatherRaisesCancelledErrorEvenIfEveryChildSwallowsIt) {
    Journal j;
    aio::Task<> outer;
    auto waits_on_gather = [&]() -> aio::Task<> {
        co_await aio::gather(swallows(j, "a"), swallows(j, "b"));
        j.add("gather returned");
    };
    auto main = [&]() -> aio::Task<> {
        outer = aio::create_task(waits_on_gather());
        co_await aio::sleep(1);
        outer.cancel();
        try {
            co_await outer;
        } catch (const aio::CancelledError&) {
        }
    };
    aio::run(main());
    EXPECT_TRUE(outer.cancelled());
    EXPECT_EQ(j.lines, (std::vector<std::string>{"a swallowed@1", "b swallowed@1"}));
}

}  // namespace
