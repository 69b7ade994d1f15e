// aio::TokenBucket(rate, capacity): a full bucket lets `capacity` through at once, then one per 1/rate s, FIFO.
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace {

TEST(TokenBucket, FirstCapacityAcquiresAreImmediateThenOnePerIntervalInFifoOrder) {
    std::vector<std::pair<std::string, std::int64_t>> taken;
    aio::TokenBucket bucket(2, 3);  // 2 tokens/s, 3 at most
    auto client = [&](std::string name) -> aio::Task<> {
        co_await bucket.acquire();
        taken.emplace_back(name, aio::now_ns());
    };
    auto main = [&]() -> aio::Task<> {
        std::vector<aio::Task<>> ts;
        for (std::string n : {"a", "b", "c", "d", "e", "f"}) ts.push_back(aio::create_task(client(n)));
        for (auto& t : ts) co_await t;
    };
    aio::run(main());
    using P = std::pair<std::string, std::int64_t>;
    EXPECT_EQ(taken, (std::vector<P>{{"a", 0},
                                      {"b", 0},
                                      {"c", 0},
                                      {"d", 500'000'000},
                                      {"e", 1'000'000'000},
                                      {"f", 1'500'000'000}}));
}

TEST(TokenBucket, MatchesThePythonReferenceRun) {
    // tests/python/rules/token_bucket.py
    std::vector<std::string> log;
    aio::TokenBucket bucket(2, 2, "api");
    auto line = [&](const std::string& s) {
        char at[32];
        std::snprintf(at, sizeof at, "t=%.3f ", aio::time());
        log.push_back(at + s);
    };
    auto client = [&](std::string name, int requests, double tokens) -> aio::Task<> {
        for (int i = 0; i < requests; ++i) {
            co_await bucket.acquire(tokens);
            line(name + " request " + std::to_string(i));
        }
    };
    auto main = [&]() -> aio::Task<> {
        auto a = aio::create_task(client("a", 3, 1));
        auto b = aio::create_task(client("b", 2, 1));
        auto big = aio::create_task(client("big", 1, 2));
        co_await a;
        co_await b;
        co_await big;
        co_await aio::sleep(3);
        co_await bucket.acquire(2);
        line("took 2 at once");
        co_await bucket.acquire(0.5);
        line("took 0.5 after waiting");
    };
    aio::run(main());
    EXPECT_EQ(log, (std::vector<std::string>{"t=0.000 a request 0", "t=0.000 a request 1", "t=0.500 a request 2",
                                             "t=1.000 b request 0", "t=2.000 big request 0", "t=2.500 b request 1",
                                             "t=5.500 took 2 at once", "t=5.750 took 0.5 after waiting"}));
}

TEST(TokenBucket, AskingForMoreThanTheCapacityThrowsValueError) {
    bool threw = false;
    aio::TokenBucket bucket(1, 2);
    auto main = [&]() -> aio::Task<> {
        try {
            co_await bucket.acquire(3);
        } catch (const aio::ValueError&) {
            threw = true;
        }
    };
    aio::run(main());
    EXPECT_TRUE(threw);
}

TEST(TokenBucket, RejectsANonPositiveRateOrCapacity) {
    EXPECT_THROW(aio::TokenBucket(0, 1), aio::ValueError);
    EXPECT_THROW(aio::TokenBucket(1, 0), aio::ValueError);
}

TEST(TokenBucket, ACancelledWaiterLeavesTheLineAndTheNextIsServed) {
    std::vector<std::pair<std::string, std::int64_t>> taken;
    aio::TokenBucket bucket(1, 1);
    auto client = [&](std::string name) -> aio::Task<> {
        co_await bucket.acquire();
        taken.emplace_back(name, aio::now_ns());
    };
    auto main = [&]() -> aio::Task<> {
        auto a = aio::create_task(client("a"));
        auto b = aio::create_task(client("b"));  // waits for a refill, holding the line
        auto c = aio::create_task(client("c"));  // waits in the line
        co_await aio::sleep(0.5);
        b.cancel();
        try {
            co_await b;
        } catch (const aio::CancelledError&) {
        }
        co_await a;
        co_await c;
    };
    aio::run(main());
    using P = std::pair<std::string, std::int64_t>;
    EXPECT_EQ(taken, (std::vector<P>{{"a", 0}, {"c", 1'000'000'000}}));
}

}  // namespace
