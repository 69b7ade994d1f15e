// The loop's scheduling decisions read from a trace ("you are the event loop"): who could
// run, who did, and the rule that rules out each wrong pick.
#include "aio/aio.hpp"
#include "trace/decisions.hpp"
#include "trace/recorder.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace {

using trace::PickRule;

aio::Task<> sleeper(double seconds) { co_await aio::sleep(seconds); }

// a sleeps 0.3, b 0.1, c 0.2, d 0.1 (started after b): all created at once by main.
aio::Task<> four_sleepers() {
    auto a = aio::create_task(sleeper(0.3), "a");
    auto b = aio::create_task(sleeper(0.1), "b");
    auto c = aio::create_task(sleeper(0.2), "c");
    auto d = aio::create_task(sleeper(0.1), "d");
    co_await aio::gather(a, b, c, d);
}

std::uint32_t id_of(const trace::Decision& d, std::string_view name) {
    for (const trace::Candidate& c : d.candidates)
        if (c.name == name) return c.task;
    return 0;
}

std::string_view answer_name(const trace::Decision& d) { return d.candidate(d.answer)->name; }

std::vector<trace::Decision> decisions_of_four_sleepers(trace::Recorder& recorder) {
    aio::run(four_sleepers(), {.sink = &recorder});
    return trace::scheduling_decisions(recorder);
}

TEST(Decisions, TheReadyQueueRunsFirstInFirstOut) {
    trace::Recorder recorder;
    const auto decisions = decisions_of_four_sleepers(recorder);
    ASSERT_FALSE(decisions.empty());
    // After main's first step: a, b, c, d ready, in the order they were created.
    const trace::Decision& first = decisions.front();
    ASSERT_EQ(first.candidates.size(), 4u);
    EXPECT_EQ(answer_name(first), "a");
    for (const trace::Candidate& c : first.candidates) EXPECT_TRUE(c.ready) << c.name;
    EXPECT_EQ(trace::judge(first, id_of(first, "a")), PickRule::Right);
    EXPECT_EQ(trace::judge(first, id_of(first, "c")), PickRule::ReadyQueueOrder);
    // The state to show is the one after main's step, before a's begins.
    EXPECT_LT(first.position, first.step_event + 1);
    EXPECT_EQ(recorder[first.step_event].kind, aio::TraceEventKind::StepBegin);
    EXPECT_EQ(recorder[first.step_event].task, first.answer);
}

TEST(Decisions, AReadyTaskRunsBeforeASleeperIsLookedAt) {
    trace::Recorder recorder;
    const auto decisions = decisions_of_four_sleepers(recorder);
    // After a's first step: a asleep until 0.3, b, c, d still ready: b runs.
    ASSERT_GE(decisions.size(), 2u);
    const trace::Decision& second = decisions[1];
    EXPECT_EQ(answer_name(second), "b");
    const trace::Candidate* a = second.candidate(id_of(second, "a"));
    ASSERT_TRUE(a);
    EXPECT_FALSE(a->ready);
    EXPECT_EQ(a->deadline_ns, 300'000'000);
    EXPECT_EQ(trace::judge(second, a->task), PickRule::ReadyBeforeTimers);
}

TEST(Decisions, WhenNothingIsReadyTheEarliestTimerWakesFirstAndTiesGoToTheEarlierSleep) {
    trace::Recorder recorder;
    const auto decisions = decisions_of_four_sleepers(recorder);
    // All four asleep (a 0.3, b 0.1, c 0.2, d 0.1): b and d share the deadline, b slept first.
    const trace::Decision* all_asleep = nullptr;
    for (const trace::Decision& d : decisions) {
        bool none_ready = d.candidates.size() == 4;
        for (const trace::Candidate& c : d.candidates) none_ready = none_ready && !c.ready;
        if (none_ready) {
            all_asleep = &d;
            break;
        }
    }
    ASSERT_TRUE(all_asleep);
    EXPECT_EQ(answer_name(*all_asleep), "b");
    EXPECT_EQ(trace::judge(*all_asleep, id_of(*all_asleep, "d")), PickRule::SameDeadline);
    EXPECT_EQ(trace::judge(*all_asleep, id_of(*all_asleep, "c")), PickRule::EarlierDeadline);
    EXPECT_EQ(trace::judge(*all_asleep, id_of(*all_asleep, "a")), PickRule::EarlierDeadline);
    EXPECT_EQ(trace::judge(*all_asleep, 9999), PickRule::NotACandidate);
}

TEST(Decisions, EveryAnswerIsTheTaskWhoseStepBeganNextAndChoicesAreReal) {
    trace::Recorder recorder;
    const auto decisions = decisions_of_four_sleepers(recorder);
    std::size_t previous = 0;
    for (const trace::Decision& d : decisions) {
        EXPECT_GE(d.candidates.size(), 2u);
        ASSERT_TRUE(d.candidate(d.answer));
        EXPECT_EQ(recorder[d.step_event].task, d.answer);
        EXPECT_GT(d.step_event, previous);
        previous = d.step_event;
        // No step began between the decision and the step it asks about.
        for (std::size_t i = d.position; i < d.step_event; ++i)
            EXPECT_NE(recorder[i].kind, aio::TraceEventKind::StepBegin);
    }
    // main's gather wake-up comes from a callback, not a candidate: never asked.
    for (const trace::Decision& d : decisions) EXPECT_NE(answer_name(d), "main");
}

TEST(Decisions, ARunWithOneTaskHasNoChoiceToMake) {
    trace::Recorder recorder;
    aio::run(sleeper(0.1), {.sink = &recorder});
    EXPECT_TRUE(trace::scheduling_decisions(recorder).empty());
}

}  // namespace
