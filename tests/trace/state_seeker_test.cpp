#include "event_script.hpp"
#include "random_trace.hpp"
#include "trace/recorder.hpp"
#include "trace/state_seeker.hpp"
#include "trace/trace_state.hpp"

#include <gtest/gtest.h>

#include <random>
#include <unordered_set>

namespace {

using trace_test::EventScript;

// Seeks to random positions, forward and backward, and compares each state with
// a fresh fold from the start; also checks what each seek cost.
void expect_seeks_match_folds(const trace::Recorder& recorder, trace::SeekerOptions options, unsigned seed,
                              int seeks) {
    trace::StateSeeker seeker(recorder, options);
    std::mt19937 rng(seed);
    std::uniform_int_distribution<std::size_t> position(0, recorder.size());
    std::size_t previous = 0;
    for (int i = 0; i < seeks; ++i) {
        // Mostly random jumps, sometimes a small step either way (like a scrubbing learner).
        std::size_t n = position(rng);
        if (i % 3 == 1) n = std::min(recorder.size(), previous + rng() % 5);
        if (i % 3 == 2) n = previous - std::min<std::size_t>(previous, rng() % 5);
        const trace::TraceState& sought = seeker.seek(n);
        ASSERT_EQ(sought.position(), n);
        ASSERT_TRUE(sought == trace::fold(recorder, n)) << "seek(" << n << ") differs from fold, after seek(" << previous << ")";
        if (!options.bound_memory) {
            ASSERT_LE(seeker.last_replayed(), options.interval) << "seek(" << n << ")";
        }
        previous = n;
    }
}

TEST(StateSeeker, seeking_anywhere_equals_a_fresh_fold_from_the_start) {
    trace::Recorder recorder;
    trace_test::record_random_trace(recorder, 6000, 1);
    expect_seeks_match_folds(recorder, {.interval = 64, .bound_memory = false}, 2, 400);
}

TEST(StateSeeker, seeking_with_bounded_memory_equals_a_fresh_fold_from_the_start) {
    trace::Recorder recorder;
    trace_test::record_random_trace(recorder, 6000, 3);
    expect_seeks_match_folds(recorder, {.interval = 50, .bound_memory = true}, 4, 400);
}

TEST(StateSeeker, works_with_the_default_interval_over_a_long_trace) {
    trace::Recorder recorder;
    trace_test::record_random_trace(recorder, 3 * trace::Recorder::chunk_size + 100, 5);
    expect_seeks_match_folds(recorder, {}, 6, 60);
}

TEST(StateSeeker, replays_at_most_the_interval_per_seek) {
    trace::Recorder recorder;
    trace_test::record_random_trace(recorder, 5000, 7);
    trace::StateSeeker seeker(recorder, {.interval = 100, .bound_memory = false});
    EXPECT_EQ(seeker.snapshot_count(), 1 + recorder.size() / 100);
    seeker.seek(4999);
    EXPECT_LE(seeker.last_replayed(), 100u);
    seeker.seek(3);
    EXPECT_EQ(seeker.last_replayed(), 3u);
    seeker.seek(4);  // one step forward continues from the working state
    EXPECT_EQ(seeker.last_replayed(), 1u);
    seeker.seek(4);
    EXPECT_EQ(seeker.last_replayed(), 0u);
}

TEST(StateSeeker, widens_the_snapshot_gap_for_heavy_states_when_memory_is_bounded) {
    trace::Recorder recorder;
    EventScript s(recorder);
    s.tick(0);
    for (std::uint32_t t = 1; t <= 4000; ++t) s.created(t, "t");
    trace::StateSeeker bounded(recorder, {.interval = 16, .bound_memory = true});
    trace::StateSeeker fixed(recorder, {.interval = 16, .bound_memory = false});
    EXPECT_EQ(fixed.snapshot_count(), 1 + 4000 / 16);
    // Snapshots share their task chunks, so they are cheap, but not free: far fewer than every 16 events.
    EXPECT_LT(bounded.snapshot_count(), 40u);
    EXPECT_LT(bounded.memory_bytes(), fixed.memory_bytes());
    std::unordered_set<const void*> seen;
    const std::size_t one_state = trace::fold(recorder, 4000).memory_bytes(seen);
    EXPECT_LE(bounded.memory_bytes(), 2 * one_state + 48u * 4000u);
    EXPECT_TRUE(bounded.seek(3999) == trace::fold(recorder, 3999));
}

TEST(StateSeeker, a_copied_state_shares_its_tasks_until_one_is_written) {
    trace::Recorder recorder;
    EventScript s(recorder);
    s.tick(0);
    for (std::uint32_t t = 1; t <= 4000; ++t) s.created(t, "t");
    const trace::TraceState original = trace::fold(recorder, recorder.size());
    trace::TraceState copy = original;
    std::unordered_set<const void*> seen;
    const std::size_t alone = original.memory_bytes(seen);
    const std::size_t shared = copy.memory_bytes(seen);
    EXPECT_LT(shared * 10, alone);  // the copy adds its pointers, not 4000 tasks
    EXPECT_TRUE(copy == original);
    s.created(4001, "late");
    copy.apply(recorder[recorder.size() - 1]);
    EXPECT_EQ(copy.tasks().size(), 4001u);
    EXPECT_EQ(original.tasks().size(), 4000u);
    EXPECT_EQ(original.task(4001), nullptr);
    EXPECT_TRUE(trace::fold(recorder, recorder.size()) == copy);
}

TEST(StateSeeker, follows_a_recording_that_grows_after_it_was_made) {
    trace::Recorder recorder;
    trace_test::record_random_trace(recorder, 500, 8);
    trace::StateSeeker seeker(recorder, {.interval = 32, .bound_memory = false});
    EXPECT_TRUE(seeker.seek(500) == trace::fold(recorder, 500));
    // The run goes on (a live demo): more events arrive.
    EventScript more(recorder);
    for (std::uint32_t t = 100; t < 400; ++t) more.created(t, "late").scheduled(t);
    EXPECT_TRUE(seeker.seek(recorder.size()) == trace::fold(recorder, recorder.size()));
    EXPECT_TRUE(seeker.seek(700) == trace::fold(recorder, 700));
    EXPECT_LE(seeker.last_replayed(), 64u);
    EXPECT_TRUE(seeker.seek(1000) == trace::fold(recorder, 1000));
}

TEST(StateSeeker, clamps_seeks_past_the_end_and_starts_over_after_reset) {
    trace::Recorder recorder;
    trace_test::record_random_trace(recorder, 300, 9);
    trace::StateSeeker seeker(recorder, {.interval = 10});
    EXPECT_EQ(seeker.seek(100000).position(), 300u);
    recorder.clear();
    trace_test::record_random_trace(recorder, 200, 10);
    seeker.reset();
    EXPECT_EQ(seeker.snapshot_count(), 1u);
    EXPECT_TRUE(seeker.seek(150) == trace::fold(recorder, 150));
    EXPECT_EQ(&seeker.state(), &seeker.seek(150));
}

}  // namespace
