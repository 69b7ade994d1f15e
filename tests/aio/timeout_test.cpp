// aio::timeout (3.11's asyncio.timeout): a scope that turns its own cancellation into TimeoutError.
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace {

using aio_test::Journal;

TEST(Timeout, AnExpiringScopeRaisesTimeoutError) {
    Journal j;
    bool expired_in_body = false;
    auto main = [&]() -> aio::Task<> {
        try {
            co_await aio::timeout(1, [&](aio::Timeout& cm) -> aio::Task<> {
                try {
                    co_await aio::sleep(5);
                    j.add("not reached");
                } catch (const aio::CancelledError&) {
                    expired_in_body = cm.expired();
                    j.add("body cancelled");
                    throw;
                }
            });
            j.add("scope returned");
        } catch (const aio::TimeoutError&) {
            j.add("TimeoutError");
        }
    };
    aio::run(main());
    EXPECT_TRUE(expired_in_body);
    EXPECT_EQ(j.lines, (std::vector<std::string>{"body cancelled@1", "TimeoutError@1"}));
}

TEST(Timeout, AScopeThatFinishesInTimeReturnsItsValueAndIsNotExpired) {
    int got = 0;
    bool expired = true;
    std::optional<double> when;
    auto main = [&]() -> aio::Task<> {
        got = co_await aio::timeout(5, [&](aio::Timeout& cm) -> aio::Task<int> {
            co_await aio::sleep(1);
            expired = cm.expired();
            when = cm.when();
            co_return 4;
        });
        co_await aio::sleep(10);  // the deadline must not cancel us after the scope
    };
    aio::run(main());
    EXPECT_EQ(got, 4);
    EXPECT_FALSE(expired);
    EXPECT_EQ(when, std::optional<double>(5.0));
}

TEST(Timeout, RescheduleExtendsTheDeadline) {
    // tests/python/rules/timeout_reschedule.py
    Journal j;
    std::optional<double> when;
    auto main = [&]() -> aio::Task<> {
        co_await aio::timeout(0.5, [&](aio::Timeout& cm) -> aio::Task<> {
            co_await aio::sleep(0.3);
            cm.reschedule(aio::time() + 0.5);
            when = cm.when();
            co_await aio::sleep(0.4);
            j.add("finished inside the extended deadline");
        });
    };
    aio::run(main());
    EXPECT_EQ(when, std::optional<double>(0.8));
    EXPECT_EQ(j.lines, (std::vector<std::string>{"finished inside the extended deadline@0.7"}));
}

TEST(Timeout, RescheduleCanShortenTheDeadline) {
    Journal j;
    auto main = [&]() -> aio::Task<> {
        try {
            co_await aio::timeout(10, [&](aio::Timeout& cm) -> aio::Task<> {
                cm.reschedule(aio::time() + 0.25);
                co_await aio::sleep(1);
                j.add("not reached");
            });
        } catch (const aio::TimeoutError&) {
            j.add("TimeoutError");
        }
    };
    aio::run(main());
    EXPECT_EQ(j.lines, (std::vector<std::string>{"TimeoutError@0.25"}));
}

TEST(Timeout, RescheduleToNoneRemovesTheDeadline) {
    Journal j;
    auto main = [&]() -> aio::Task<> {
        co_await aio::timeout(1, [&](aio::Timeout& cm) -> aio::Task<> {
            cm.reschedule(std::nullopt);
            co_await aio::sleep(3);
            j.add("slept past the old deadline");
        });
    };
    aio::run(main());
    EXPECT_EQ(j.lines, (std::vector<std::string>{"slept past the old deadline@3"}));
}

TEST(Timeout, ADeadlineInThePastExpiresAtTheNextAwait) {
    Journal j;
    auto main = [&]() -> aio::Task<> {
        co_await aio::sleep(2);
        try {
            co_await aio::timeout(5, [&](aio::Timeout& cm) -> aio::Task<> {
                cm.reschedule(1.0);  // absolute loop time, already past
                co_await aio::sleep(0);
                j.add("not reached");
            });
        } catch (const aio::TimeoutError&) {
            j.add("TimeoutError");
        }
    };
    aio::run(main());
    EXPECT_EQ(j.lines, (std::vector<std::string>{"TimeoutError@2"}));
}

TEST(Timeout, AnOuterCancellationIsNotTurnedIntoTimeoutError) {
    Journal j;
    aio::Task<> t;
    auto worker = [&]() -> aio::Task<> {
        try {
            co_await aio::timeout(10, [&](aio::Timeout&) -> aio::Task<> { co_await aio::sleep(5); });
        } catch (const aio::TimeoutError&) {
            j.add("wrongly TimeoutError");
        }
    };
    auto main = [&]() -> aio::Task<> {
        t = aio::create_task(worker());
        co_await aio::sleep(1);
        t.cancel();
        try {
            co_await t;
        } catch (const aio::CancelledError&) {
            j.add("cancelled");
        }
    };
    aio::run(main());
    EXPECT_TRUE(t.cancelled());
    EXPECT_EQ(j.lines, (std::vector<std::string>{"cancelled@1"}));
}

TEST(Timeout, AnErrorInTheBodyPassesThroughUnchanged) {
    bool caught = false;
    auto main = [&]() -> aio::Task<> {
        try {
            co_await aio::timeout(10, [&](aio::Timeout&) -> aio::Task<> {
                co_await aio::sleep(1);
                throw aio::ValueError("body");
            });
        } catch (const aio::ValueError&) {
            caught = true;
        }
    };
    aio::run(main());
    EXPECT_TRUE(caught);
}

}  // namespace
