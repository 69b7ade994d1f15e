// aio::wait: (done, pending) for FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED, with a timeout.
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace {

aio::Task<int> after(double d, int v) {
    co_await aio::sleep(d);
    co_return v;
}

aio::Task<int> fails_after(double d) {
    co_await aio::sleep(d);
    throw aio::ValueError("wait boom");
}

std::vector<int> ids(const std::vector<aio::Task<int>>& ts, const std::vector<aio::Task<int>>& all) {
    std::vector<int> out;
    for (const auto& t : ts)
        for (std::size_t i = 0; i < all.size(); ++i)
            if (all[i].id() == t.id()) out.push_back(static_cast<int>(i));
    return out;
}

struct Outcome {
    std::vector<int> done, pending;
    double at = -1;
};

template <class Make>
Outcome run_wait(Make make, aio::ReturnWhen when, double timeout) {
    Outcome o;
    auto main = [&]() -> aio::Task<> {
        std::vector<aio::Task<int>> all = make();
        auto r = co_await aio::wait(all, when, timeout);
        o.done = ids(r.done, all);
        o.pending = ids(r.pending, all);
        o.at = aio::time();
    };
    aio::run(main());
    return o;
}

TEST(Wait, FirstCompletedReturnsWhenOneTaskIsDone) {
    auto o = run_wait(
        [] {
            return std::vector<aio::Task<int>>{aio::create_task(after(3, 0)), aio::create_task(after(1, 1)),
                                               aio::create_task(after(2, 2))};
        },
        aio::FIRST_COMPLETED, -1);
    EXPECT_EQ(o.done, (std::vector<int>{1}));
    EXPECT_EQ(o.pending, (std::vector<int>{0, 2}));
    EXPECT_EQ(o.at, 1.0);
}

TEST(Wait, FirstExceptionReturnsAtTheFirstError) {
    auto o = run_wait(
        [] {
            return std::vector<aio::Task<int>>{aio::create_task(after(1, 0)), aio::create_task(fails_after(2)),
                                               aio::create_task(after(5, 2))};
        },
        aio::FIRST_EXCEPTION, -1);
    EXPECT_EQ(o.done, (std::vector<int>{0, 1}));
    EXPECT_EQ(o.pending, (std::vector<int>{2}));
    EXPECT_EQ(o.at, 2.0);
}

TEST(Wait, FirstExceptionWithoutAnErrorWaitsForAll) {
    auto o = run_wait(
        [] {
            return std::vector<aio::Task<int>>{aio::create_task(after(1, 0)), aio::create_task(after(2, 1))};
        },
        aio::FIRST_EXCEPTION, -1);
    EXPECT_EQ(o.done, (std::vector<int>{0, 1}));
    EXPECT_TRUE(o.pending.empty());
    EXPECT_EQ(o.at, 2.0);
}

TEST(Wait, AllCompletedWithATimeoutReturnsWhatIsDoneAtTheDeadline) {
    auto o = run_wait(
        [] {
            return std::vector<aio::Task<int>>{aio::create_task(after(1, 0)), aio::create_task(after(2, 1)),
                                               aio::create_task(after(10, 2))};
        },
        aio::ALL_COMPLETED, 3);
    EXPECT_EQ(o.done, (std::vector<int>{0, 1}));
    EXPECT_EQ(o.pending, (std::vector<int>{2}));
    EXPECT_EQ(o.at, 3.0);
}

TEST(Wait, FirstCompletedWithATimeoutCanReturnNothingDone) {
    auto o = run_wait(
        [] {
            return std::vector<aio::Task<int>>{aio::create_task(after(5, 0)), aio::create_task(after(6, 1))};
        },
        aio::FIRST_COMPLETED, 1);
    EXPECT_TRUE(o.done.empty());
    EXPECT_EQ(o.pending, (std::vector<int>{0, 1}));
    EXPECT_EQ(o.at, 1.0);
}

TEST(Wait, AllCompletedWaitsForEveryTaskAndDoesNotCancelPendingOnes) {
    bool pending_finished = false;
    auto main = [&]() -> aio::Task<> {
        auto slow = aio::create_task(after(4, 9));
        std::vector<aio::Task<int>> both{aio::create_task(after(1, 0)), slow};
        auto r = co_await aio::wait(std::move(both), aio::ALL_COMPLETED, 2);
        EXPECT_EQ(r.pending.size(), 1u);
        const int v = co_await slow;  // still running after the timeout: wait never cancels
        pending_finished = v == 9;
    };
    aio::run(main());
    EXPECT_TRUE(pending_finished);
}

TEST(Wait, RejectsAnEmptySetWithValueError) {
    bool caught = false;
    auto main = [&]() -> aio::Task<> {
        try {
            co_await aio::wait(std::vector<aio::Task<int>>{});
        } catch (const aio::ValueError&) {
            caught = true;
        }
    };
    aio::run(main());
    EXPECT_TRUE(caught);
}

}  // namespace
