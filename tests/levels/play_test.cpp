// The game's machinery on small programs made here: what a decision offers, how each kind
// of move acts, how a break and a hang are reported, and how many orders the search tries.
#include <levels/play.hpp>
#include <levels/search.hpp>

#include <aio/aio.hpp>

#include <gtest/gtest.h>

#include <memory>

using namespace levels;

namespace {

aio::Task<void> fetch(World* w, std::string name, bool can_fail) {
    co_await w->io("fetch('" + name + "')", can_fail);
    w->print(name + " done");
}

// `n` tasks, each awaiting one fetch; nothing can break.
Level independent(int n, bool can_fail = false) {
    Level level;
    level.id = "test";
    level.program = [n, can_fail](World& w, Variant) -> aio::Task<void> {
        std::vector<aio::Task<void>> tasks;
        for (int k = 0; k < n; ++k) {
            const std::string name = std::string(1, static_cast<char>('a' + k));
            tasks.push_back(aio::create_task(fetch(&w, name, can_fail), name));
        }
        co_await aio::gather(std::move(tasks));
    };
    return level;
}

aio::Task<void> waits_for_ever(std::shared_ptr<aio::Event> never) { co_await never->wait(); }

}  // namespace

TEST(Play, TheFirstDecisionOffersEveryPendingIoInTheOrderItStarted) {
    const Outcome out = play(independent(2), Variant::Broken, std::vector<std::size_t>{});
    ASSERT_EQ(out.state, State::Waiting);
    ASSERT_EQ(out.options.size(), 2u);
    EXPECT_EQ(out.options[0].task, "a");
    EXPECT_EQ(out.options[0].what, "fetch('a')");
    EXPECT_EQ(out.options[0].kind, MoveKind::Reply);
    EXPECT_EQ(out.options[1].task, "b");
    EXPECT_TRUE(out.lines.empty());
}

TEST(Play, AReplyResumesItsTaskAndThePrintCountsTheMovesBeforeIt) {
    const Outcome out = play(independent(2), Variant::Broken, std::vector<std::size_t>{1, 0});
    ASSERT_EQ(out.state, State::Survived);
    ASSERT_EQ(out.lines.size(), 2u);
    EXPECT_EQ(out.lines[0].text, "b done");
    EXPECT_EQ(out.lines[0].task, "b");
    EXPECT_EQ(out.lines[0].move, 1);
    EXPECT_EQ(out.lines[1].text, "a done");
    EXPECT_EQ(out.lines[1].move, 2);
    ASSERT_EQ(out.played.size(), 2u);
    EXPECT_EQ(out.played[0].task, "b");
}

TEST(Play, APickOutOfRangeStopsAtThatDecision) {
    const Outcome out = play(independent(2), Variant::Broken, std::vector<std::size_t>{5});
    EXPECT_EQ(out.state, State::Waiting);
    EXPECT_EQ(out.options.size(), 2u);
    EXPECT_TRUE(out.played.empty());
}

TEST(Play, AFailingIoRaisesConnectionErrorAndAnUncaughtErrorBreaksTheProgram) {
    const Outcome first = play(independent(1, true), Variant::Broken, std::vector<std::size_t>{});
    ASSERT_EQ(first.options.size(), 2u);
    EXPECT_EQ(first.options[1].kind, MoveKind::Fail);
    const Outcome out = play(independent(1, true), Variant::Broken, std::vector<std::size_t>{1});
    ASSERT_EQ(out.state, State::Broken);
    EXPECT_FALSE(out.hang);
    EXPECT_NE(out.broken.find("ConnectionError"), std::string::npos) << out.broken;
    EXPECT_EQ(out.broken_after, 1);
}

TEST(Play, ACancelMoveCancelsTheTaskAndItsIoLeavesTheOptions) {
    Level level;
    level.program = [](World& w, Variant) -> aio::Task<void> {
        auto a = aio::create_task(fetch(&w, "a", false), "a");
        w.cancellable(a);
        auto r = co_await aio::gather(aio::return_exceptions, a);
        w.print(std::get<0>(r).cancelled() ? "a cancelled" : "a finished");
    };
    const Outcome before = play(level, Variant::Broken, std::vector<std::size_t>{});
    ASSERT_EQ(before.options.size(), 2u);
    EXPECT_EQ(before.options[1].kind, MoveKind::Cancel);
    EXPECT_EQ(before.options[1].task, "a");
    const Outcome out = play(level, Variant::Broken, std::vector<std::size_t>{1});
    ASSERT_EQ(out.state, State::Survived);
    ASSERT_EQ(out.lines.size(), 1u);
    EXPECT_EQ(out.lines[0].text, "a cancelled");
}

TEST(Play, AnInvariantThatFailsBreaksTheGameAtThatMove) {
    Level level;
    level.program = [](World& w, Variant) -> aio::Task<void> {
        auto done = std::make_shared<int>(0);
        w.invariant("fewer than two done", [done]() -> std::optional<std::string> {
            if (*done < 2) return std::nullopt;
            return "two done";
        });
        w.watch("done", [done] { return std::to_string(*done); });
        for (int k = 0; k < 3; ++k) {
            co_await w.io("step()");
            ++*done;
        }
    };
    const Outcome out = play(level, Variant::Broken, std::vector<std::size_t>{0, 0, 0});
    ASSERT_EQ(out.state, State::Broken);
    EXPECT_EQ(out.broken, "two done");
    EXPECT_EQ(out.broken_after, 2);
    EXPECT_EQ(out.played.size(), 2u);
    ASSERT_EQ(out.watches.size(), 1u);
    EXPECT_EQ(out.watches[0].value, "2");
    EXPECT_EQ(out.invariants, (std::vector<std::string>{"fewer than two done"}));
}

TEST(Play, WhenNothingCanHappenAnyMoreTheGameReportsTheHangAndWhoWaits) {
    Level level;
    level.program = [](World&, Variant) -> aio::Task<void> {
        auto never = std::make_shared<aio::Event>("never");
        co_await aio::create_task(waits_for_ever(never), "sleeper");
    };
    const Outcome out = play(level, Variant::Broken, std::vector<std::size_t>{});
    ASSERT_EQ(out.state, State::Broken);
    EXPECT_TRUE(out.hang);
    EXPECT_EQ(out.broken_after, 0);
    EXPECT_NE(out.broken.find("sleeper waits on Event 'never'"), std::string::npos) << out.broken;
    EXPECT_NE(out.broken.find("main waits on"), std::string::npos) << out.broken;
    EXPECT_EQ(out.broken.find("game"), std::string::npos) << out.broken;
}

TEST(Search, TriesEveryOrderOfIndependentReplies) {
    EXPECT_EQ(search(independent(1), Variant::Fixed, 24, false).orders, 1u);
    EXPECT_EQ(search(independent(2), Variant::Fixed, 24, false).orders, 2u);
    const SearchResult three = search(independent(3), Variant::Fixed, 24, false);
    EXPECT_EQ(three.orders, 6u);  // 3!
    EXPECT_EQ(three.cut, 0u);
    EXPECT_EQ(three.longest, 3u);
    EXPECT_FALSE(three.broken);
}

TEST(Search, TheBoundCutsLongerOrders) {
    const SearchResult r = search(independent(3), Variant::Fixed, 2, false);
    EXPECT_EQ(r.orders, 6u);
    EXPECT_EQ(r.cut, 6u);
}

TEST(Search, ShowsEachOrderWithTheMovesOfEveryDecision) {
    std::vector<std::vector<std::size_t>> picks;
    std::vector<std::size_t> decisions;
    const SearchResult full = search(independent(2), Variant::Fixed, 24, false, [&](const Order& order) {
        picks.push_back(order.picks);
        decisions.push_back(order.offered.size());
        EXPECT_EQ(order.outcome.state, State::Survived);
        ASSERT_FALSE(order.offered.empty());
        EXPECT_EQ(order.offered[0].size(), 2u);  // a and b, then the one left
        EXPECT_EQ(order.offered[1].size(), 1u);
    });
    EXPECT_EQ(picks, (std::vector<std::vector<std::size_t>>{{0, 0}, {1, 0}}));
    EXPECT_EQ(decisions, (std::vector<std::size_t>{2, 2}));
    EXPECT_EQ(picks.size(), full.orders);
    // Cut by the bound: the decision it stopped at is shown too.
    std::size_t shown = 0;
    search(independent(2), Variant::Fixed, 1, false, [&](const Order& order) {
        EXPECT_EQ(order.picks.size(), 1u);
        EXPECT_EQ(order.offered.size(), 2u);
        EXPECT_EQ(order.outcome.state, State::Waiting);
        ++shown;
    });
    EXPECT_EQ(shown, 2u);
}

TEST(Search, FindsTheOnlyBreakingOrderAndItReplays) {
    // Breaks only when b replies before a.
    Level level;
    level.program = [](World& w, Variant) -> aio::Task<void> {
        auto order = std::make_shared<std::string>();
        w.invariant("a before b", [order]() -> std::optional<std::string> {
            if (*order == "ba") return "b before a";
            return std::nullopt;
        });
        auto one = [](World* w, std::shared_ptr<std::string> order, std::string name) -> aio::Task<void> {
            co_await w->io(name);
            *order += name;
        };
        auto a = aio::create_task(one(&w, order, "a"), "a");
        auto b = aio::create_task(one(&w, order, "b"), "b");
        co_await aio::gather(a, b);
    };
    const SearchResult r = search(level, Variant::Broken);
    ASSERT_TRUE(r.broken);
    EXPECT_EQ(r.picks, (std::vector<std::size_t>{1, 0}));
    EXPECT_EQ(play(level, Variant::Broken, r.picks).broken, "b before a");
}
