#include "event_script.hpp"
#include "trace/recorder.hpp"
#include "trace/trace_state.hpp"

#include <gtest/gtest.h>

#include <string_view>
#include <vector>

namespace {

using trace::TaskStatus;
using trace_test::EventScript;
using K = aio::TraceEventKind;
using W = aio::WaitKind;
using O = aio::ObjectKind;

std::vector<std::uint32_t> ids(const trace::Fifo<std::uint32_t>& list) { return {list.begin(), list.end()}; }
std::vector<std::string_view> texts(const trace::Fifo<std::string_view>& list) { return {list.begin(), list.end()}; }
using Ids = std::vector<std::uint32_t>;
using Texts = std::vector<std::string_view>;

TEST(TraceState, starts_empty) {
    trace::Recorder recorder;
    const trace::TraceState s = trace::fold(recorder, 100);
    EXPECT_EQ(s.position(), 0u);
    EXPECT_TRUE(s.tasks().empty());
    EXPECT_EQ(s.running(), 0u);
    EXPECT_TRUE(s.ready().empty());
    EXPECT_EQ(s.task(1), nullptr);
    EXPECT_FALSE(s.ended());
}

TEST(TraceState, follows_a_task_from_creation_through_a_sleep_to_its_result) {
    trace::Recorder recorder;
    EventScript s(recorder);
    s.tick(0).created(1, "main", 0, 7).scheduled(1);
    const std::size_t scheduled = s.size();
    s.tick().begin(1);
    const std::size_t running = s.size();
    s.timer_armed(1, 1, 300'000'000).suspend(1, W::Sleep, 1, 300'000'000, 12).end(1);
    const std::size_t sleeping = s.size();
    s.tick(300'000'000).timer_fired(1).woken(1, 0, 1).scheduled(1);
    const std::size_t woken = s.size();
    s.tick().begin(1).finished(1, aio::Outcome::Result, "42").end(1).run_end(aio::Outcome::Result, "42");

    const trace::TraceState created = trace::fold(recorder, 1);
    ASSERT_NE(created.task(1), nullptr);
    EXPECT_EQ(created.task(1)->name, "main");
    EXPECT_EQ(created.task(1)->status, TaskStatus::Created);
    EXPECT_EQ(created.task(1)->created_at.line, 7u);

    EXPECT_EQ(trace::fold(recorder, scheduled).task(1)->status, TaskStatus::Ready);
    EXPECT_EQ(ids(trace::fold(recorder, scheduled).ready()), Ids{1});

    const trace::TraceState run = trace::fold(recorder, running);
    EXPECT_EQ(run.task(1)->status, TaskStatus::Running);
    EXPECT_EQ(run.running(), 1u);
    EXPECT_TRUE(run.ready().empty());
    EXPECT_EQ(run.iteration(), 2u);

    const trace::TraceState asleep = trace::fold(recorder, sleeping);
    const trace::TaskInfo& t = *asleep.task(1);
    EXPECT_EQ(t.status, TaskStatus::Waiting);
    EXPECT_EQ(t.wait, W::Sleep);
    EXPECT_EQ(t.wait_deadline_ns, 300'000'000);
    EXPECT_EQ(t.wait_at.line, 12u);
    EXPECT_STREQ(t.wait_at.file, trace_test::script_file);
    EXPECT_EQ(asleep.running(), 0u);
    ASSERT_EQ(asleep.pending_timers().size(), 1u);
    EXPECT_EQ(asleep.pending_timers()[0].owner, 1u);
    EXPECT_EQ(asleep.pending_timers()[0].deadline_ns, 300'000'000);

    const trace::TraceState awake = trace::fold(recorder, woken);
    EXPECT_EQ(awake.task(1)->status, TaskStatus::Ready);
    EXPECT_EQ(awake.task(1)->wait, W::None);
    EXPECT_EQ(awake.pending_timer_count(), 0u);
    EXPECT_EQ(awake.time_ns(), 300'000'000);
    EXPECT_DOUBLE_EQ(awake.time(), 0.3);

    const trace::TraceState end = trace::fold(recorder, recorder.size());
    EXPECT_EQ(end.task(1)->status, TaskStatus::Done);
    EXPECT_EQ(end.task(1)->result, "42");
    EXPECT_EQ(end.task(1)->outcome, aio::Outcome::Result);
    EXPECT_EQ(end.task(1)->steps, 2u);
    EXPECT_TRUE(end.ended());
    EXPECT_EQ(end.run_outcome(), aio::Outcome::Result);
    EXPECT_EQ(end.position(), recorder.size());
}

TEST(TraceState, keeps_the_ready_queue_in_scheduling_order) {
    trace::Recorder recorder;
    EventScript s(recorder);
    s.tick(0).created(1, "a").created(2, "b").created(3, "c").scheduled(3).scheduled(1).scheduled(2);
    EXPECT_EQ(ids(trace::fold(recorder, recorder.size()).ready()), (Ids{3, 1, 2}));
    s.tick().begin(3);
    EXPECT_EQ(ids(trace::fold(recorder, recorder.size()).ready()), (Ids{1, 2}));
    s.scheduled(3).end(3);
    const trace::TraceState st = trace::fold(recorder, recorder.size());
    EXPECT_EQ(ids(st.ready()), (Ids{1, 2, 3}));
    EXPECT_EQ(st.task(3)->status, TaskStatus::Ready);
}

TEST(TraceState, puts_a_woken_task_on_the_ready_queue_once) {
    trace::Recorder recorder;
    EventScript s(recorder);
    s.tick(0).created(1, "a").created(2, "b").begin(1).suspend(1, W::AsyncioEvent, 3).end(1);
    s.begin(2).op(K::AsyncioEventSet, 3, 2).woken(1, 2, 3);
    const trace::TraceState woken = trace::fold(recorder, recorder.size());
    EXPECT_EQ(ids(woken.ready()), Ids{1});
    EXPECT_EQ(woken.task(1)->status, TaskStatus::Ready);
    EXPECT_TRUE(woken.object(3)->waiters.empty());
    // A TaskScheduled for the same wake-up does not queue it twice.
    s.scheduled(1).end(2);
    const trace::TraceState st = trace::fold(recorder, recorder.size());
    EXPECT_EQ(ids(st.ready()), Ids{1});
    EXPECT_EQ(st.task(2)->status, TaskStatus::Waiting);
}

TEST(TraceState, shows_a_sleep_zero_as_a_yield_until_the_next_step) {
    trace::Recorder recorder;
    EventScript s(recorder);
    s.tick(0).created(1, "main").scheduled(1).tick().begin(1).suspend(1, W::Yield).scheduled(1).end(1);
    const trace::TraceState st = trace::fold(recorder, recorder.size());
    EXPECT_EQ(st.task(1)->status, TaskStatus::Ready);
    EXPECT_EQ(st.task(1)->wait, W::Yield);
    EXPECT_EQ(ids(st.ready()), Ids{1});
    s.tick().begin(1);
    EXPECT_EQ(trace::fold(recorder, recorder.size()).task(1)->wait, W::None);
}

TEST(TraceState, tracks_a_bounded_queue_with_its_items_and_blocked_putters) {
    trace::Recorder recorder;
    EventScript s(recorder);
    s.tick(0).created(1, "producer").created(2, "consumer").object(5, O::Queue, "jobs", 2);
    s.tick().begin(1).put(5, 1, "job-1", 1).put(5, 1, "job-2", 2).suspend(1, W::QueuePut, 5, 0, 20).end(1);
    const std::size_t full = s.size();
    s.tick().begin(2).get(5, 2, "job-1", 1).woken(1, 2, 5).scheduled(1).suspend(2, W::Yield).end(2);
    const std::size_t got = s.size();
    s.tick().begin(1).put(5, 1, "job-3", 2).end(1);
    s.begin(2).get(5, 2, "job-2", 1).op(K::QueueTaskDone, 5, 2, 2).end(2);

    const trace::TraceState at_full = trace::fold(recorder, full);
    const trace::ObjectInfo* q = at_full.object(5);
    ASSERT_NE(q, nullptr);
    EXPECT_EQ(q->kind, O::Queue);
    EXPECT_EQ(q->name, "jobs");
    EXPECT_EQ(q->capacity, 2);
    EXPECT_TRUE(q->is_queue());
    EXPECT_EQ(texts(q->items), (Texts{"job-1", "job-2"}));
    EXPECT_EQ(ids(q->putters), Ids{1});
    EXPECT_TRUE(q->getters.empty());
    EXPECT_EQ(q->unfinished, 2);
    EXPECT_EQ(at_full.task(1)->wait, W::QueuePut);
    EXPECT_EQ(at_full.task(1)->wait_object, 5u);

    const trace::TraceState after_get = trace::fold(recorder, got);
    EXPECT_EQ(texts(after_get.object(5)->items), Texts{"job-2"});
    EXPECT_TRUE(after_get.object(5)->putters.empty());
    EXPECT_EQ(after_get.task(1)->woken_by, 2u);

    const trace::TraceState end = trace::fold(recorder, recorder.size());
    EXPECT_EQ(texts(end.object(5)->items), Texts{"job-3"});
    EXPECT_EQ(end.object(5)->unfinished, 2);
}

TEST(TraceState, lists_blocked_getters_in_fifo_order) {
    trace::Recorder recorder;
    EventScript s(recorder);
    s.tick(0).object(1, O::Queue, "q");
    for (std::uint32_t t : {4u, 2u, 3u}) s.created(t, "w").begin(t).suspend(t, W::QueueGet, 1).end(t);
    EXPECT_EQ(ids(trace::fold(recorder, recorder.size()).object(1)->getters), (Ids{4, 2, 3}));
    s.put(1, 0, "x", 1).woken(4, 0, 1);
    EXPECT_EQ(ids(trace::fold(recorder, recorder.size()).object(1)->getters), (Ids{2, 3}));
    // A woken getter that lost its item waits again at the end of the line.
    s.begin(4).suspend(4, W::QueueGet, 1).end(4);
    EXPECT_EQ(ids(trace::fold(recorder, recorder.size()).object(1)->getters), (Ids{2, 3, 4}));
}

TEST(TraceState, takes_items_from_the_end_the_queue_kind_serves) {
    trace::Recorder recorder;
    EventScript s(recorder);
    s.tick(0).object(1, O::LifoQueue, "stack").object(2, O::PriorityQueue, "prio");
    s.put(1, 0, "a", 1).put(1, 0, "b", 2).put(1, 0, "c", 3).get(1, 0, "c", 2);
    s.put(2, 0, "5", 1).put(2, 0, "1", 2).put(2, 0, "3", 3).get(2, 0, "1", 2);
    const trace::TraceState st = trace::fold(recorder, recorder.size());
    EXPECT_EQ(texts(st.object(1)->items), (Texts{"a", "b"}));
    EXPECT_EQ(texts(st.object(2)->items), (Texts{"5", "3"}));
}

TEST(TraceState, tracks_semaphore_holders_free_permits_and_waiters) {
    trace::Recorder recorder;
    EventScript s(recorder);
    s.tick(0).object(9, O::Semaphore, "pool", 2);
    EXPECT_EQ(trace::fold(recorder, recorder.size()).object(9)->free_permits, 2);
    s.op(K::SemAcquire, 9, 2, 1).op(K::SemAcquire, 9, 3, 0);
    s.suspend(4, W::Semaphore, 9, 0, 30).suspend(5, W::Semaphore, 9, 0, 30);
    const trace::TraceState busy = trace::fold(recorder, recorder.size());
    EXPECT_EQ(ids(busy.object(9)->holders), (Ids{2, 3}));
    EXPECT_EQ(ids(busy.object(9)->waiters), (Ids{4, 5}));
    EXPECT_EQ(busy.object(9)->free_permits, 0);
    EXPECT_TRUE(busy.object(9)->is_semaphore());

    s.tick().op(K::SemRelease, 9, 2, 1).woken(4, 2, 9).begin(4).op(K::SemAcquire, 9, 4, 0).end(4);
    const trace::TraceState after = trace::fold(recorder, recorder.size());
    EXPECT_EQ(ids(after.object(9)->holders), (Ids{3, 4}));
    EXPECT_EQ(ids(after.object(9)->waiters), Ids{5});
    EXPECT_EQ(after.object(9)->free_permits, 0);
}

TEST(TraceState, tracks_a_lock_holder_and_an_event_flag) {
    trace::Recorder recorder;
    EventScript s(recorder);
    s.tick(0).object(1, O::Lock, "lock").object(2, O::AsyncioEvent, "go");
    s.op(K::LockAcquire, 1, 7).suspend(8, W::Lock, 1).suspend(9, W::AsyncioEvent, 2);
    const trace::TraceState held = trace::fold(recorder, recorder.size());
    EXPECT_EQ(held.object(1)->holder(), 7u);
    EXPECT_EQ(ids(held.object(1)->waiters), Ids{8});
    EXPECT_FALSE(held.object(2)->is_set);
    EXPECT_EQ(ids(held.object(2)->waiters), Ids{9});

    s.op(K::LockRelease, 1, 7).op(K::AsyncioEventSet, 2, 7).woken(9, 7, 2);
    const trace::TraceState released = trace::fold(recorder, recorder.size());
    EXPECT_EQ(released.object(1)->holder(), 0u);
    EXPECT_EQ(released.object(1)->free_permits, 1);
    EXPECT_TRUE(released.object(2)->is_set);
    EXPECT_TRUE(released.object(2)->waiters.empty());
    s.op(K::AsyncioEventClear, 2, 7);
    EXPECT_FALSE(trace::fold(recorder, recorder.size()).object(2)->is_set);
}

TEST(TraceState, keeps_a_token_buckets_level_and_waiters) {
    trace::Recorder recorder;
    EventScript s(recorder);
    s.tick(0).object(3, O::Bucket, "api", 5).op(K::BucketTake, 3, 1, 1, "4.000").suspend(2, W::Bucket, 3);
    const trace::TraceState st = trace::fold(recorder, recorder.size());
    EXPECT_EQ(st.object(3)->level, "4.000");
    EXPECT_EQ(st.object(3)->tokens_taken, 1);
    EXPECT_EQ(st.object(3)->capacity, 5);
    EXPECT_EQ(ids(st.object(3)->waiters), Ids{2});
}

TEST(TraceState, keeps_the_count_an_object_reports_and_adds_up_its_rises) {
    trace::Recorder recorder;
    EventScript s(recorder);
    s.tick(0).object(4, O::Semaphore, "connections", 6);
    EXPECT_EQ(trace::fold(recorder, recorder.size()).object(4)->count, -1);  // never reported
    s.op(K::ObjectCount, 4, 0, 1, "open").op(K::ObjectCount, 4, 0, 3, "open").op(K::ObjectCount, 4, 0, 2, "open");
    s.op(K::ObjectCount, 4, 0, 4, "open").op(K::ObjectCount, 4, 0, 0, "open");
    const trace::TraceState st = trace::fold(recorder, recorder.size());
    EXPECT_EQ(st.object(4)->count, 0);
    EXPECT_EQ(st.object(4)->counted, "open");
    EXPECT_EQ(st.object(4)->count_rises, 5);  // 1 + 2 + 2: every connection opened
    EXPECT_EQ(st.object(4)->capacity, 6);     // the semaphore itself is untouched
    EXPECT_EQ(st.object(4)->free_permits, 6);
    EXPECT_EQ(trace::fold(recorder, 3).object(4)->count, 3);  // at an earlier cursor
}

TEST(TraceState, lists_pending_timers_in_firing_order) {
    trace::Recorder recorder;
    EventScript s(recorder);
    s.tick(0).timer_armed(1, 1, 500).timer_armed(2, 2, 300).timer_armed(3, 3, 500).timer_armed(4, 4, 100);
    std::vector<std::uint32_t> order;
    for (const trace::TimerInfo& t : trace::fold(recorder, recorder.size()).pending_timers()) order.push_back(t.id);
    EXPECT_EQ(order, (Ids{4, 2, 1, 3}));
    s.timer_cancelled(1).timer_fired(4);
    order.clear();
    const trace::TraceState st = trace::fold(recorder, recorder.size());
    for (const trace::TimerInfo& t : st.pending_timers()) order.push_back(t.id);
    EXPECT_EQ(order, (Ids{2, 3}));
    EXPECT_EQ(st.timer(1), nullptr);
    ASSERT_NE(st.timer(3), nullptr);
    EXPECT_EQ(st.timer(3)->owner, 3u);
}

TEST(TraceState, delivers_a_cancellation_to_a_waiting_getter) {
    trace::Recorder recorder;
    EventScript s(recorder);
    s.tick(0).object(1, O::Queue, "q").created(2, "worker").scheduled(2).tick().begin(2).suspend(2, W::QueueGet, 1).end(2);
    s.tick().cancel(2, 1).woken(2, 0, 1).scheduled(2);
    const trace::TraceState requested = trace::fold(recorder, recorder.size());
    EXPECT_EQ(requested.task(2)->cancel_requests, 1u);
    EXPECT_TRUE(requested.object(1)->getters.empty());
    s.tick().begin(2).finished(2, aio::Outcome::Cancelled, "CancelledError").end(2);
    const trace::TraceState end = trace::fold(recorder, recorder.size());
    EXPECT_EQ(end.task(2)->status, TaskStatus::Cancelled);
    EXPECT_TRUE(end.task(2)->finished());
}

TEST(TraceState, marks_failed_tasks_and_takes_finished_ones_off_the_ready_queue) {
    trace::Recorder recorder;
    EventScript s(recorder);
    s.tick(0).created(1, "a").created(2, "b").scheduled(1).scheduled(2);
    s.finished(2, aio::Outcome::Cancelled).tick().begin(1).finished(1, aio::Outcome::Exception, "ValueError: bad").end(1);
    const trace::TraceState st = trace::fold(recorder, recorder.size());
    EXPECT_TRUE(st.ready().empty());
    EXPECT_EQ(st.task(1)->status, TaskStatus::Failed);
    EXPECT_EQ(st.task(1)->result, "ValueError: bad");
    EXPECT_EQ(st.task(2)->status, TaskStatus::Cancelled);
}

TEST(TraceState, collects_log_lines_deadlock_entries_and_never_awaited_coroutines) {
    trace::Recorder recorder;
    EventScript s(recorder);
    s.tick(1000).created(1, "main").log(1, "hello").log(0, "from the loop");
    s.deadlock(1, W::QueueJoin, 4, 55, "Queue.join #4");
    s.never_awaited("worker", 9);
    const trace::TraceState st = trace::fold(recorder, recorder.size());
    ASSERT_EQ(st.log().size(), 2u);
    EXPECT_EQ(st.log()[0].text, "hello");
    EXPECT_EQ(st.log()[0].task, 1u);
    EXPECT_EQ(st.log()[0].time_ns, 1000);
    EXPECT_EQ(st.log()[1].task, 0u);
    ASSERT_EQ(st.deadlock().size(), 1u);
    EXPECT_EQ(st.deadlock()[0].task, 1u);
    EXPECT_EQ(st.deadlock()[0].wait, W::QueueJoin);
    EXPECT_EQ(st.deadlock()[0].at.line, 55u);
    EXPECT_TRUE(st.task(1)->deadlocked);
    ASSERT_EQ(st.never_awaited().size(), 1u);
    EXPECT_EQ(st.never_awaited()[0].text, "worker");
}

TEST(TraceState, learns_an_object_from_its_first_wait) {
    trace::Recorder recorder;
    EventScript s(recorder);
    s.tick(0).suspend(1, W::Semaphore, 77);
    const trace::TraceState st = trace::fold(recorder, recorder.size());
    ASSERT_NE(st.object(77), nullptr);
    EXPECT_EQ(st.object(77)->kind, O::Semaphore);
    EXPECT_EQ(ids(st.object(77)->waiters), Ids{1});
    EXPECT_EQ(st.task(1)->status, TaskStatus::Waiting);
}

TEST(TraceState, refers_to_texts_inside_the_recorder_without_copying_them) {
    trace::Recorder recorder;
    EventScript s(recorder);
    s.tick(0).created(1, "a task name that is too long for the small string buffer");
    const trace::TraceState st = trace::fold(recorder, recorder.size());
    EXPECT_EQ(st.task(1)->name.data(), recorder[0].text.data());
}

TEST(TraceState, fold_stops_at_the_requested_event_and_at_the_end) {
    trace::Recorder recorder;
    EventScript s(recorder);
    s.tick(0).created(1, "a").created(2, "b").created(3, "c");
    EXPECT_EQ(trace::fold(recorder, 2).tasks().size(), 2u);
    EXPECT_EQ(trace::fold(recorder, 99).position(), 3u);
}

TEST(TaskStatus, has_a_word_for_every_status) {
    EXPECT_EQ(trace::to_string(TaskStatus::Created), "created");
    EXPECT_EQ(trace::to_string(TaskStatus::Ready), "ready");
    EXPECT_EQ(trace::to_string(TaskStatus::Running), "running");
    EXPECT_EQ(trace::to_string(TaskStatus::Waiting), "waiting");
    EXPECT_EQ(trace::to_string(TaskStatus::Done), "done");
    EXPECT_EQ(trace::to_string(TaskStatus::Failed), "failed");
    EXPECT_EQ(trace::to_string(TaskStatus::Cancelled), "cancelled");
}

TEST(IdIndex, maps_dense_and_sparse_ids) {
    trace::IdIndex index;
    index.insert(1, 10);
    index.insert(3'000'000'000u, 11);
    index.insert(2, 12);
    EXPECT_EQ(index.find(1), 10u);
    EXPECT_EQ(index.find(2), 12u);
    EXPECT_EQ(index.find(3'000'000'000u), 11u);
    EXPECT_EQ(index.find(4), trace::IdIndex::npos);
    EXPECT_EQ(index.size(), 3u);
    index.erase(3'000'000'000u);
    index.erase(1);
    EXPECT_FALSE(index.contains(1));
    EXPECT_FALSE(index.contains(3'000'000'000u));
    EXPECT_EQ(index.size(), 1u);
    for (std::uint32_t id = 0; id < 100'000; ++id) index.insert(id, id);
    for (std::uint32_t id = 0; id < 100'000; ++id) ASSERT_EQ(index.find(id), id);
}

TEST(Fifo, pops_from_the_front_and_erases_from_the_middle) {
    trace::Fifo<int> f;
    for (int i = 0; i < 100; ++i) f.push_back(i);
    for (int i = 0; i < 60; ++i) f.pop_front();
    EXPECT_EQ(f.size(), 40u);
    EXPECT_EQ(f.front(), 60);
    EXPECT_TRUE(f.erase_first(70));
    EXPECT_FALSE(f.erase_first(70));
    EXPECT_EQ(f[10], 71);
    const trace::Fifo<int> copy = f;
    EXPECT_EQ(copy, f);
    EXPECT_EQ(copy.size(), 39u);
    f.pop_back();
    EXPECT_NE(copy, f);
    EXPECT_TRUE(f.erase_last(60));
    EXPECT_EQ(f.front(), 61);
}

}  // namespace
