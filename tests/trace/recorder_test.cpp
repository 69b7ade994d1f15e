#include "trace/recorder.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <ranges>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace {

static_assert(std::random_access_iterator<trace::Recorder::const_iterator>);
static_assert(std::ranges::random_access_range<const trace::Recorder>);

aio::TraceEvent numbered(std::uint64_t seq) {
    aio::TraceEvent e;
    e.seq = seq;
    e.kind = aio::TraceEventKind::Log;
    e.task = static_cast<std::uint32_t>(seq % 7);
    // Long enough to live on the heap, not in the small-string buffer.
    e.text = "line number " + std::to_string(seq) + " of a recorded run, long enough to allocate";
    return e;
}

TEST(Recorder, starts_empty) {
    trace::Recorder recorder;
    EXPECT_TRUE(recorder.empty());
    EXPECT_EQ(recorder.size(), 0u);
    EXPECT_EQ(recorder.begin(), recorder.end());
    EXPECT_EQ(recorder.capacity(), 0u);
}

TEST(Recorder, keeps_events_in_order_across_chunk_boundaries) {
    trace::Recorder recorder;
    const std::size_t n = 3 * trace::Recorder::chunk_size + 17;
    for (std::size_t i = 0; i < n; ++i) recorder.on_event(numbered(i));
    ASSERT_EQ(recorder.size(), n);
    for (std::size_t i = 0; i < n; ++i) {
        ASSERT_EQ(recorder[i].seq, i);
        ASSERT_EQ(recorder[i].text, numbered(i).text);
    }
    EXPECT_EQ(recorder.front().seq, 0u);
    EXPECT_EQ(recorder.back().seq, n - 1);
}

TEST(Recorder, iterates_like_a_random_access_range) {
    trace::Recorder recorder;
    for (std::size_t i = 0; i < trace::Recorder::chunk_size + 5; ++i) recorder.on_event(numbered(i));
    std::uint64_t expected = 0;
    for (const aio::TraceEvent& e : recorder) EXPECT_EQ(e.seq, expected++);
    EXPECT_EQ(expected, recorder.size());
    EXPECT_EQ(static_cast<std::size_t>(recorder.end() - recorder.begin()), recorder.size());
    auto it = recorder.begin() + 4100;
    EXPECT_EQ(it->seq, 4100u);
    EXPECT_EQ((it - 100)->seq, 4000u);
    EXPECT_EQ(recorder.begin()[4097].seq, 4097u);
    auto found = std::find_if(recorder.begin(), recorder.end(), [](const aio::TraceEvent& e) { return e.seq == 4096; });
    EXPECT_EQ(found.index(), 4096u);
    auto reversed = std::ranges::reverse_view(recorder);
    EXPECT_EQ(reversed.begin()->seq, recorder.size() - 1);
}

TEST(Recorder, keeps_references_and_texts_valid_while_it_grows) {
    trace::Recorder recorder;
    recorder.on_event(numbered(0));
    const aio::TraceEvent* first = &recorder[0];
    const std::string_view text = recorder[0].text;
    for (std::size_t i = 1; i < 5 * trace::Recorder::chunk_size; ++i) recorder.on_event(numbered(i));
    EXPECT_EQ(first, &recorder[0]);
    EXPECT_EQ(text.data(), recorder[0].text.data());
    EXPECT_EQ(text, numbered(0).text);
}

TEST(Recorder, allocates_whole_chunks_only_when_one_is_full) {
    trace::Recorder recorder;
    recorder.on_event(numbered(0));
    EXPECT_EQ(recorder.capacity(), trace::Recorder::chunk_size);
    for (std::size_t i = 1; i < trace::Recorder::chunk_size; ++i) recorder.on_event(numbered(i));
    EXPECT_EQ(recorder.capacity(), trace::Recorder::chunk_size);
    recorder.on_event(numbered(trace::Recorder::chunk_size));
    EXPECT_EQ(recorder.capacity(), 2 * trace::Recorder::chunk_size);
}

TEST(Recorder, reserve_allocates_chunks_ahead) {
    trace::Recorder recorder;
    recorder.reserve(trace::Recorder::chunk_size + 1);
    EXPECT_EQ(recorder.capacity(), 2 * trace::Recorder::chunk_size);
    EXPECT_TRUE(recorder.empty());
}

TEST(Recorder, clear_forgets_events_but_keeps_its_chunks_for_the_next_run) {
    trace::Recorder recorder;
    for (std::size_t i = 0; i < trace::Recorder::chunk_size + 1; ++i) recorder.on_event(numbered(i));
    const std::size_t capacity = recorder.capacity();
    recorder.clear();
    EXPECT_TRUE(recorder.empty());
    EXPECT_EQ(recorder.capacity(), capacity);
    recorder.on_event(numbered(42));
    ASSERT_EQ(recorder.size(), 1u);
    EXPECT_EQ(recorder[0].seq, 42u);
    EXPECT_EQ(recorder.capacity(), capacity);
}

TEST(Recorder, at_checks_the_index) {
    trace::Recorder recorder;
    recorder.on_event(numbered(0));
    EXPECT_EQ(recorder.at(0).seq, 0u);
    EXPECT_THROW((void)recorder.at(1), std::out_of_range);
}

TEST(Recorder, moving_hands_the_same_events_over) {
    trace::Recorder recorder;
    for (std::size_t i = 0; i < 10; ++i) recorder.on_event(numbered(i));
    const aio::TraceEvent* fifth = &recorder[5];
    trace::Recorder moved(std::move(recorder));
    EXPECT_EQ(moved.size(), 10u);
    EXPECT_EQ(&moved[5], fifth);
    trace::Recorder assigned;
    assigned.on_event(numbered(99));
    assigned = std::move(moved);
    EXPECT_EQ(assigned.size(), 10u);
    EXPECT_EQ(&assigned[5], fifth);
}

TEST(Recorder, is_a_trace_sink) {
    trace::Recorder recorder;
    aio::TraceSink& sink = recorder;
    sink.on_event(numbered(3));
    EXPECT_EQ(recorder.size(), 1u);
}

}  // namespace

TEST(Recorder, short_and_long_texts_survive_clear_and_reuse) {
    // Short texts sit in the string's own buffer, long ones on the heap: clear() and the
    // destructor free the long ones (the sanitizer build would report a leak) and the
    // reused storage holds the next run's texts.
    trace::Recorder recorder;
    for (int run = 0; run < 2; ++run) {
        for (std::uint64_t i = 0; i < 2 * trace::Recorder::chunk_size + 3; ++i) {
            aio::TraceEvent e = numbered(i);
            if (i % 3 != 0) e.text = "t" + std::to_string(i % 10);
            recorder.on_event(e);
        }
        ASSERT_EQ(recorder.size(), 2 * trace::Recorder::chunk_size + 3);
        EXPECT_EQ(recorder[3].text, numbered(3).text);
        EXPECT_EQ(recorder[4].text, "t4");
        EXPECT_EQ(recorder.back().text, "t4");  // 8194 % 3 != 0
        EXPECT_EQ(recorder[2 * trace::Recorder::chunk_size + 1].text, numbered(2 * trace::Recorder::chunk_size + 1).text);  // 8193 % 3 == 0
        recorder.clear();
        EXPECT_TRUE(recorder.empty());
    }
    recorder.on_event(numbered(1));  // left for the destructor
}
