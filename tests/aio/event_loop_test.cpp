// EventLoop: one iteration = the callbacks ready when it began; timers in (deadline,
// creation order); the virtual clock jumps; the steady clock really sleeps.
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <map>
#include <utility>

namespace {

using aio_test::Journal;
using aio_test::Recorder;

// A handle that notes its name and may queue another handle while it runs.
struct Note {
    Note(aio::EventLoop& l, std::vector<std::string>& o, std::string n) : loop(l), out(o), name(std::move(n)) {}
    aio::EventLoop& loop;
    std::vector<std::string>& out;
    std::string name;
    aio::Handle* then = nullptr;
    aio::TimerNode timer{&Note::run, this};
    aio::Handle handle{&Note::run, this};
    static void run(void* self) {
        auto* n = static_cast<Note*>(self);
        n->out.push_back(n->name + "@" + std::to_string(n->loop.iteration()));
        if (n->then) n->loop.call_soon(n->then);
    }
};

TEST(EventLoop, RunOnceRunsOnlyTheHandlesThatWereReadyWhenItBegan) {
    aio::EventLoop loop;
    std::vector<std::string> out;
    Note a(loop, out, "a"), b(loop, out, "b"), c(loop, out, "c");
    a.then = &c.handle;  // scheduled while iteration 1 runs: must wait for iteration 2
    loop.call_soon(&a.handle);
    loop.call_soon(&b.handle);
    EXPECT_EQ(loop.run_once(), aio::EventLoop::Step::Ran);
    EXPECT_EQ(out, (std::vector<std::string>{"a@1", "b@1"}));
    EXPECT_TRUE(loop.has_ready());
    EXPECT_EQ(loop.run_once(), aio::EventLoop::Step::Ran);
    EXPECT_EQ(out, (std::vector<std::string>{"a@1", "b@1", "c@2"}));
    EXPECT_FALSE(loop.has_ready());
    EXPECT_EQ(loop.run_once(), aio::EventLoop::Step::Idle);
}

TEST(EventLoop, AnUnqueuedHandleDoesNotRun) {
    aio::EventLoop loop;
    std::vector<std::string> out;
    Note a(loop, out, "a"), b(loop, out, "b");
    loop.call_soon(&a.handle);
    loop.call_soon(&b.handle);
    loop.unqueue(&a.handle);
    loop.run_once();
    EXPECT_EQ(out, (std::vector<std::string>{"b@1"}));
}

TEST(EventLoop, TimersFireInDeadlineThenCreationOrder) {
    aio::EventLoop loop;
    std::vector<std::string> out;
    Note late1(loop, out, "late1"), early1(loop, out, "early1"), late2(loop, out, "late2"),
        early2(loop, out, "early2");
    loop.arm(&late1.timer, 200);
    loop.arm(&early1.timer, 100);
    loop.arm(&late2.timer, 200);
    loop.arm(&early2.timer, 100);
    ASSERT_EQ(loop.next_deadline_ns(), std::optional<std::int64_t>(100));
    loop.run_once();
    EXPECT_EQ(loop.time_ns(), 100);
    loop.run_once();
    EXPECT_EQ(loop.time_ns(), 200);
    EXPECT_EQ(out, (std::vector<std::string>{"early1@1", "early2@1", "late1@2", "late2@2"}));
    EXPECT_EQ(loop.next_deadline_ns(), std::nullopt);
}

TEST(EventLoop, ADisarmedTimerNeverFires) {
    aio::EventLoop loop;
    std::vector<std::string> out;
    Note a(loop, out, "a"), b(loop, out, "b");
    loop.arm(&a.timer, 100);
    loop.arm(&b.timer, 300);
    loop.disarm(&a.timer);
    EXPECT_FALSE(a.timer.armed());
    loop.run_once();
    EXPECT_EQ(out, (std::vector<std::string>{"b@1"}));
    EXPECT_EQ(loop.time_ns(), 300);
}

aio::Task<> sleeper(Journal& j, std::string name, double delay) {
    co_await aio::sleep(delay);
    j.add(name);
}

TEST(EventLoop, SleepsEndingAtTheSameInstantWakeInTheOrderTheyStarted) {
    Journal j;
    auto main = [&]() -> aio::Task<> {
        auto a = aio::create_task(sleeper(j, "a", 2));
        auto b = aio::create_task(sleeper(j, "b", 1));
        auto c = aio::create_task(sleeper(j, "c", 2));
        auto d = aio::create_task(sleeper(j, "d", 1));
        co_await a;
        co_await b;
        co_await c;
        co_await d;
    };
    aio::run(main());
    EXPECT_EQ(j.lines, (std::vector<std::string>{"b@1", "d@1", "a@2", "c@2"}));
}

TEST(EventLoop, VirtualClockJumpsToTheNextTimer) {
    std::vector<double> times;
    std::vector<std::uint64_t> iters;
    auto main = [&]() -> aio::Task<> {
        times.push_back(aio::time());
        iters.push_back(aio_test::iteration());
        co_await aio::sleep(5);
        times.push_back(aio::time());
        iters.push_back(aio_test::iteration());
        co_await aio::sleep(1.5);
        times.push_back(aio::time());
        iters.push_back(aio_test::iteration());
        EXPECT_TRUE(aio::EventLoop::get().is_virtual());
        EXPECT_EQ(aio::now_ns(), 6'500'000'000);
    };
    aio::run(main());
    EXPECT_EQ(times, (std::vector<double>{0.0, 5.0, 6.5}));
    // asyncio: the timer's callback runs in one iteration and wakes the task for the next.
    EXPECT_EQ(iters, (std::vector<std::uint64_t>{1, 3, 5}));
}

TEST(EventLoop, TasksReadyInTheSameIterationRunInScheduleOrder) {
    std::vector<std::pair<std::string, std::uint64_t>> seen;
    struct Spawner {
        static aio::Task<> run(std::vector<std::pair<std::string, std::uint64_t>>& seen, std::string name,
                               bool spawn) {
            seen.emplace_back(name, aio_test::iteration());
            if (spawn) aio::create_task(run(seen, name + ".child", false));
            co_return;
        }
    };
    auto main = [&]() -> aio::Task<> {
        seen.emplace_back("main", aio_test::iteration());
        aio::create_task(Spawner::run(seen, "a", true));
        aio::create_task(Spawner::run(seen, "b", true));
        co_await aio::sleep(1);
    };
    aio::run(main());
    using P = std::pair<std::string, std::uint64_t>;
    EXPECT_EQ(seen, (std::vector<P>{{"main", 1}, {"a", 2}, {"b", 2}, {"a.child", 3}, {"b.child", 3}}));
}

TEST(EventLoop, StepBeginEventsOfOneIterationAreTheTasksReadyWhenItBegan) {
    Recorder rec;
    auto child = []() -> aio::Task<> { co_return; };
    auto spawn_then_yield = [&]() -> aio::Task<> {
        aio::create_task(child(), "late");
        co_await aio::sleep(0);
    };
    auto main = [&]() -> aio::Task<> {
        auto a = aio::create_task(spawn_then_yield(), "a");
        auto b = aio::create_task(child(), "b");
        co_await a;
        co_await b;
    };
    aio::run(main(), {.sink = &rec});
    std::map<std::string, std::uint32_t> id;
    for (const auto& e : rec.of(aio::TraceEventKind::TaskCreated)) id[e.text] = e.task;
    auto first_step = [&](const std::string& name) {
        return rec.of(aio::TraceEventKind::StepBegin, id.at(name)).at(0).iteration;
    };
    EXPECT_EQ(first_step("a"), 2u);
    EXPECT_EQ(first_step("b"), 2u);
    EXPECT_EQ(first_step("late"), 3u);
    // a's second step (after sleep(0)) is in iteration 3 too, after "late" (scheduled first).
    auto a_steps = rec.of(aio::TraceEventKind::StepBegin, id.at("a"));
    ASSERT_EQ(a_steps.size(), 2u);
    EXPECT_EQ(a_steps[1].iteration, 3u);
    EXPECT_GT(a_steps[1].seq, rec.of(aio::TraceEventKind::StepBegin, id.at("late")).at(0).seq);
}

TEST(EventLoop, SteadyClockRunsAShortSleepForReal) {
    std::vector<std::string> order;
    bool virtual_clock = true;
    auto napper = [&](std::string name, double d) -> aio::Task<> {
        co_await aio::sleep(d);
        order.push_back(name);
    };
    auto main = [&]() -> aio::Task<int> {
        virtual_clock = aio::EventLoop::get().is_virtual();
        auto slow = aio::create_task(napper("slow", 0.02));
        auto fast = aio::create_task(napper("fast", 0.005));
        co_await slow;
        co_await fast;
        co_return 1;
    };
    EXPECT_EQ(aio::run(main(), {.clock = aio::ClockKind::Steady}), 1);
    EXPECT_FALSE(virtual_clock);
    EXPECT_EQ(order, (std::vector<std::string>{"fast", "slow"}));
}

}  // namespace
