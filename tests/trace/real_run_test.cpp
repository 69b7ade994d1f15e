// Traces of real runs of the aio scheduler, folded and exported.
#include "aio/aio.hpp"
#include "mini_json.hpp"
#include "trace/chrome_trace.hpp"
#include "trace/recorder.hpp"
#include "trace/state_seeker.hpp"
#include "trace/text_log.hpp"
#include "trace/trace_state.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

using K = aio::TraceEventKind;
using W = aio::WaitKind;
using O = aio::ObjectKind;
using trace::TaskStatus;

// Index of the first event at or after `from` that matches; recorder.size() if none.
std::size_t find_event(const trace::Recorder& recorder, const std::function<bool(const aio::TraceEvent&)>& match,
                       std::size_t from = 0) {
    for (std::size_t i = from; i < recorder.size(); ++i)
        if (match(recorder[i])) return i;
    return recorder.size();
}

const trace::TaskInfo* task_named(const trace::TraceState& state, std::string_view name) {
    for (const trace::TaskInfo& t : state.tasks())
        if (t.name == name) return &t;
    return nullptr;
}

const trace::ObjectInfo* object_named(const trace::TraceState& state, std::string_view name) {
    for (const trace::ObjectInfo& o : state.objects())
        if (o.name == name) return &o;
    return nullptr;
}

std::vector<std::string_view> names_of(const trace::TraceState& state, const trace::Fifo<std::uint32_t>& ids) {
    std::vector<std::string_view> out;
    for (std::uint32_t id : ids) out.push_back(state.task(id) ? state.task(id)->name : "?");
    return out;
}

using Names = std::vector<std::string_view>;

// --- producer / consumer over a Queue(maxsize=2) ---------------------------------

aio::Task<> producer(aio::Queue<int>& q, int n) {
    for (int i = 1; i <= n; ++i) co_await q.put(i);
}

aio::Task<> consumer(aio::Queue<int>& q, int n) {
    for (int i = 0; i < n; ++i) {
        (void)co_await q.get();
        co_await aio::sleep(0.1);
        q.task_done();
    }
}

aio::Task<> producer_consumer() {
    aio::Queue<int> q(2, "jobs");
    auto p = aio::create_task(producer(q, 5), "producer");
    auto c = aio::create_task(consumer(q, 5), "consumer");
    co_await p;
    co_await c;
}

TEST(RealRun, producer_blocks_on_a_full_queue_with_two_items_in_it) {
    trace::Recorder recorder;
    aio::run(producer_consumer(), {.sink = &recorder});
    ASSERT_FALSE(recorder.empty());

    // Right after the producer first suspends in put(): the queue holds 1 and 2.
    const std::size_t blocked = find_event(recorder, [](const aio::TraceEvent& e) {
        return e.kind == K::Suspended && e.wait == W::QueuePut;
    });
    ASSERT_LT(blocked, recorder.size());
    const trace::TraceState st = trace::fold(recorder, blocked + 1);
    const trace::ObjectInfo* q = object_named(st, "jobs");
    ASSERT_NE(q, nullptr);
    EXPECT_EQ(q->kind, O::Queue);
    EXPECT_EQ(q->capacity, 2);
    EXPECT_EQ(std::vector<std::string_view>(q->items.begin(), q->items.end()), (Names{"1", "2"}));
    EXPECT_EQ(names_of(st, q->putters), Names{"producer"});
    EXPECT_EQ(q->unfinished, 2);
    const trace::TaskInfo* p = task_named(st, "producer");
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->status, TaskStatus::Waiting);
    EXPECT_EQ(p->wait, W::QueuePut);
    EXPECT_EQ(trace::source_basename(p->wait_at.file), "real_run_test.cpp");
    EXPECT_EQ(names_of(st, st.ready()), Names{"consumer"});

    // The consumer's get() wakes the producer: the queue holds 2, nobody blocks.
    const std::size_t got = find_event(recorder, [](const aio::TraceEvent& e) { return e.kind == K::QueueGet; }, blocked);
    const trace::TraceState after_get = trace::fold(recorder, got + 1);
    q = object_named(after_get, "jobs");
    EXPECT_EQ(std::vector<std::string_view>(q->items.begin(), q->items.end()), (Names{"2"}));
    const std::size_t woken = find_event(recorder, [](const aio::TraceEvent& e) { return e.kind == K::Woken; }, got);
    const trace::TraceState after_wake = trace::fold(recorder, woken + 1);
    EXPECT_TRUE(object_named(after_wake, "jobs")->putters.empty());
    EXPECT_EQ(task_named(after_wake, "producer")->status, TaskStatus::Ready);
    EXPECT_EQ(task_named(after_wake, "producer")->woken_by, task_named(after_wake, "consumer")->id);
    EXPECT_EQ(names_of(after_wake, after_wake.ready()), Names{"producer"});
    EXPECT_EQ(after_wake.running(), task_named(after_wake, "consumer")->id);

    // At the end every task is done and all work is accounted for.
    const trace::TraceState end = trace::fold(recorder, recorder.size());
    for (const trace::TaskInfo& t : end.tasks()) EXPECT_EQ(t.status, TaskStatus::Done) << t.name;
    q = object_named(end, "jobs");
    EXPECT_TRUE(q->items.empty());
    EXPECT_TRUE(q->putters.empty());
    EXPECT_TRUE(q->getters.empty());
    EXPECT_EQ(q->unfinished, 0);
    EXPECT_TRUE(end.ready().empty());
    EXPECT_EQ(end.pending_timer_count(), 0u);
    EXPECT_TRUE(end.ended());
    EXPECT_EQ(end.run_outcome(), aio::Outcome::Result);
    EXPECT_NEAR(end.time(), 0.5, 1e-9);
}

TEST(RealRun, created_tasks_wait_in_the_ready_queue_until_their_creator_yields) {
    trace::Recorder recorder;
    aio::run(producer_consumer(), {.sink = &recorder});
    const std::size_t first_yield = find_event(recorder, [](const aio::TraceEvent& e) { return e.kind == K::StepEnd; });
    ASSERT_LT(first_yield, recorder.size());
    const trace::TraceState st = trace::fold(recorder, first_yield + 1);
    EXPECT_EQ(names_of(st, st.ready()), (Names{"producer", "consumer"}));
    EXPECT_EQ(st.running(), 0u);
    EXPECT_EQ(task_named(st, "producer")->status, TaskStatus::Ready);
    EXPECT_EQ(task_named(st, "producer")->steps, 0u);
}

// --- a semaphore with two permits and four workers -------------------------------

aio::Task<> worker(aio::Semaphore& sem) {
    co_await sem.acquire();
    co_await aio::sleep(0.1);
    sem.release();
}

aio::Task<> four_workers() {
    aio::Semaphore sem(2, "pool");
    std::vector<aio::Task<>> tasks;
    for (int i = 1; i <= 4; ++i) tasks.push_back(aio::create_task(worker(sem), "w" + std::to_string(i)));
    for (auto& t : tasks) co_await t;
}

TEST(RealRun, semaphore_shows_two_holders_and_two_waiters_in_fifo_order) {
    trace::Recorder recorder;
    aio::run(four_workers(), {.sink = &recorder});
    std::size_t fourth_waits = 0;
    int waits = 0;
    for (std::size_t i = 0; i < recorder.size(); ++i) {
        if (recorder[i].kind == K::Suspended && recorder[i].wait == W::Semaphore && ++waits == 2) {
            fourth_waits = i;
            break;
        }
    }
    ASSERT_EQ(waits, 2);
    const trace::TraceState st = trace::fold(recorder, fourth_waits + 1);
    const trace::ObjectInfo* sem = object_named(st, "pool");
    ASSERT_NE(sem, nullptr);
    EXPECT_TRUE(sem->is_semaphore());
    EXPECT_EQ(sem->capacity, 2);
    EXPECT_EQ(sem->free_permits, 0);
    EXPECT_EQ(names_of(st, sem->holders), (Names{"w1", "w2"}));
    EXPECT_EQ(names_of(st, sem->waiters), (Names{"w3", "w4"}));

    // w1 releases first (w1 and w2 wake at the same instant, in the order they slept).
    const std::uint32_t w1 = task_named(st, "w1")->id;
    const std::size_t first_release = find_event(recorder, [](const aio::TraceEvent& e) { return e.kind == K::SemRelease; });
    ASSERT_LT(first_release, recorder.size());
    EXPECT_EQ(recorder[first_release].task, w1);
    const trace::TraceState released = trace::fold(recorder, first_release + 1);
    sem = object_named(released, "pool");
    EXPECT_EQ(names_of(released, sem->holders), Names{"w2"});
    EXPECT_EQ(names_of(released, sem->waiters), (Names{"w3", "w4"}));

    // w3, first in line, is woken first and leaves the line.
    const std::size_t w3_woken = find_event(recorder, [](const aio::TraceEvent& e) { return e.kind == K::Woken; }, first_release);
    const trace::TraceState woken = trace::fold(recorder, w3_woken + 1);
    EXPECT_EQ(woken.task(recorder[w3_woken].task)->name, "w3");
    EXPECT_EQ(names_of(woken, object_named(woken, "pool")->waiters), Names{"w4"});

    // Once w4 holds its permit, w3 and w4 are the holders, in acquisition order.
    const std::uint32_t w4 = task_named(st, "w4")->id;
    const std::size_t w4_acquires = find_event(recorder, [&](const aio::TraceEvent& e) {
        return e.kind == K::SemAcquire && e.task == w4;
    });
    ASSERT_LT(w4_acquires, recorder.size());
    const trace::TraceState later = trace::fold(recorder, w4_acquires + 1);
    sem = object_named(later, "pool");
    EXPECT_EQ(names_of(later, sem->holders), (Names{"w3", "w4"}));
    EXPECT_TRUE(sem->waiters.empty());
    EXPECT_EQ(sem->free_permits, 0);

    const trace::TraceState end = trace::fold(recorder, recorder.size());
    EXPECT_EQ(object_named(end, "pool")->free_permits, 2);
    EXPECT_TRUE(object_named(end, "pool")->holders.empty());
}

// --- a deadlock: a get() no one will satisfy -------------------------------------

aio::Task<> waits_forever(aio::Queue<int>& q) { (void)co_await q.get(); }

aio::Task<> deadlocked_main() {
    aio::Queue<int> q(0, "inbox");
    auto t = aio::create_task(waits_forever(q), "reader");
    co_await t;
}

TEST(RealRun, deadlock_report_lists_who_waits_on_what) {
    trace::Recorder recorder;
    EXPECT_THROW(aio::run(deadlocked_main(), {.sink = &recorder}), aio::DeadlockError);
    const std::size_t first = find_event(recorder, [](const aio::TraceEvent& e) { return e.kind == K::Deadlock; });
    ASSERT_LT(first, recorder.size());
    // The state at the end of the report.
    std::size_t last = first;
    while (last + 1 < recorder.size() && recorder[last + 1].kind == K::Deadlock) ++last;
    const trace::TraceState st = trace::fold(recorder, last + 1);
    ASSERT_EQ(st.deadlock().size(), 2u);
    const trace::TaskInfo* reader = task_named(st, "reader");
    ASSERT_NE(reader, nullptr);
    bool reader_listed = false;
    for (const trace::DeadlockEntry& d : st.deadlock()) {
        if (d.task != reader->id) continue;
        reader_listed = true;
        EXPECT_EQ(d.wait, W::QueueGet);
        EXPECT_EQ(st.object(d.object)->name, "inbox");
        EXPECT_EQ(trace::source_basename(d.at.file), "real_run_test.cpp");
    }
    EXPECT_TRUE(reader_listed);
    EXPECT_TRUE(reader->deadlocked);
    EXPECT_EQ(names_of(st, object_named(st, "inbox")->getters), Names{"reader"});
}

// --- seeking in a real, busier trace ---------------------------------------------

aio::Task<> busy_worker(aio::Queue<int>& q, aio::Semaphore& sem, aio::Lock& lock, int id) {
    for (int i = 0; i < 3; ++i) {
        const int job = co_await q.get();
        co_await sem.acquire();
        co_await aio::sleep(0.01 * ((job + id) % 4));
        sem.release();
        co_await lock.acquire();
        aio::log("worker " + std::to_string(id) + " did job " + std::to_string(job));
        co_await aio::sleep(0);
        lock.release();
        q.task_done();
    }
}

aio::Task<> busy_main() {
    aio::Queue<int> q(3, "jobs");
    aio::Semaphore sem(2, "pool");
    aio::Lock lock("print");
    std::vector<aio::Task<>> workers;
    for (int i = 0; i < 8; ++i) workers.push_back(aio::create_task(busy_worker(q, sem, lock, i), "worker-" + std::to_string(i)));
    for (int j = 0; j < 24; ++j) co_await q.put(j);
    co_await q.join();
    for (auto& w : workers) co_await w;
}

TEST(RealRun, seeking_anywhere_in_a_real_trace_equals_a_fresh_fold) {
    trace::Recorder recorder;
    aio::run(busy_main(), {.sink = &recorder});
    ASSERT_GT(recorder.size(), 300u);
    trace::StateSeeker seeker(recorder, {.interval = 16, .bound_memory = false});
    std::mt19937 rng(2024);
    for (int i = 0; i < 300; ++i) {
        const std::size_t n = rng() % (recorder.size() + 1);
        ASSERT_TRUE(seeker.seek(n) == trace::fold(recorder, n)) << "seek(" << n << ")";
        ASSERT_LE(seeker.last_replayed(), 16u);
    }
    // Stepping backwards event by event, as a learner pressing "step back".
    for (std::size_t n = recorder.size(); n > recorder.size() - 40; --n) {
        ASSERT_TRUE(seeker.seek(n) == trace::fold(recorder, n)) << "seek(" << n << ")";
    }
    const trace::TraceState& end = seeker.seek(recorder.size());
    EXPECT_EQ(end.log().size(), 24u);
    for (const trace::TaskInfo& t : end.tasks()) EXPECT_EQ(t.status, TaskStatus::Done) << t.name;
}

TEST(RealRun, text_log_has_one_line_per_event_and_no_directories) {
    trace::Recorder recorder;
    aio::run(producer_consumer(), {.sink = &recorder});
    std::ostringstream out;
    trace::write_text_log(recorder, out);
    std::istringstream lines(out.str());
    std::string line;
    std::size_t count = 0;
    while (std::getline(lines, line)) {
        EXPECT_EQ(line.rfind("#" + std::to_string(count) + " it=", 0), 0u) << line;
        const auto at = line.find(" at=");
        if (at != std::string::npos) {
            EXPECT_EQ(line.find('/', at), std::string::npos) << line;
        }
        ++count;
    }
    EXPECT_EQ(count, recorder.size());
}

TEST(RealRun, chrome_trace_names_every_task_and_draws_their_steps) {
    trace::Recorder recorder;
    aio::run(producer_consumer(), {.sink = &recorder});
    std::ostringstream out;
    trace::write_chrome_trace(recorder, out);
    const auto doc = trace_test::json::parse(out.str());
    std::vector<std::string> threads;
    int steps = 0;
    for (const auto& e : doc["traceEvents"].array()) {
        if (e["ph"].string() == "M" && e["name"].string() == "thread_name") threads.push_back(e["args"]["name"].string());
        if (e["ph"].string() == "X" && e["name"].string() == "step") ++steps;
    }
    std::sort(threads.begin(), threads.end());
    EXPECT_EQ(threads, (std::vector<std::string>{"Task-1", "consumer", "event loop", "producer"}));
    std::size_t step_begins = 0;
    for (const auto& e : recorder) step_begins += e.kind == K::StepBegin;
    EXPECT_EQ(static_cast<std::size_t>(steps), step_begins);
}

}  // namespace
