// Dirigent's scheduler benchmarks (issue 5): the same workloads as bench/python/*.py
// run under CPython's asyncio. Google Benchmark drives them; each benchmark runs the
// workload once per iteration, times it with the steady clock (manual time) and
// reports its figure as a counter. The time is the process's CPU time (user + system,
// CLOCK_PROCESS_CPUTIME_ID; the Python side uses time.process_time()): the workloads are
// single-threaded, and on a machine shared with other jobs CPU time is what the run itself
// costs. The wall-clock time is reported beside it as wall_s. Counters:
//   per_s        items per second (switches, tasks, queue items, semaphore pairs)
//   ns_per_item  nanoseconds per item
//   bytes_per_task / rss_per_task / allocs_per_task   (memory)
//   events, ns_per_event                              (trace)
// bench/run_bench.py runs this binary and the Python scripts alternately and
// prints the table. DIRIGENT_BENCH_SMOKE=1 shrinks every size to a few hundred
// items (CTest's bench_smoke: no timing is checked).
//
// Built twice: dirigent_bench (core/aio as shipped) and dirigent_bench_nohooks
// (core/aio compiled with DIRIGENT_NO_TRACE_HOOKS, tracing() constant false), which
// holds only the workloads without a sink.
#include <aio/aio.hpp>
#include <aio/detail/frame_allocator.hpp>

#include <benchmark/benchmark.h>

#ifndef DIRIGENT_NO_TRACE_HOOKS
#include <trace/chrome_trace.hpp>
#include <trace/recorder.hpp>
#include <trace/state_seeker.hpp>
#endif

#include <malloc.h>
#include <time.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

// --- allocator hook: counts what operator new hands out while g_counting is set.
// Single-threaded by construction (the loop runs on the benchmark's thread), so the
// counters are plain integers: the hook costs one branch when it is off.
namespace {
bool g_counting = false;
std::size_t g_requested = 0;   // bytes asked for by operator new
std::size_t g_allocations = 0;  // operator new calls
long long g_live = 0;           // usable bytes allocated minus freed (malloc_usable_size)

void* counted_new(std::size_t n) {
    void* p = std::malloc(n == 0 ? 1 : n);
    if (!p) throw std::bad_alloc();
    if (g_counting) {
        g_requested += n;
        ++g_allocations;
        g_live += static_cast<long long>(malloc_usable_size(p));
    }
    return p;
}
void counted_delete(void* p) noexcept {
    if (!p) return;
    if (g_counting) g_live -= static_cast<long long>(malloc_usable_size(p));
    std::free(p);
}
}  // namespace

void* operator new(std::size_t n) { return counted_new(n); }
void* operator new[](std::size_t n) { return counted_new(n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
    try {
        return counted_new(n);
    } catch (...) {
        return nullptr;
    }
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
    try {
        return counted_new(n);
    } catch (...) {
        return nullptr;
    }
}
void operator delete(void* p) noexcept { counted_delete(p); }
void operator delete[](void* p) noexcept { counted_delete(p); }
void operator delete(void* p, std::size_t) noexcept { counted_delete(p); }
void operator delete[](void* p, std::size_t) noexcept { counted_delete(p); }

namespace {

// CPU time of the process and the wall clock, read together.
struct Stamp {
    double cpu = 0, wall = 0;
    static Stamp now() {
        timespec ts{};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
        Stamp s;
        s.cpu = static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
        s.wall = std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
        return s;
    }
};
double g_last_wall = 0;  // wall seconds of the last seconds_since()

bool smoke() {
    static const bool on = [] {
        const char* v = std::getenv("DIRIGENT_BENCH_SMOKE");
        return v && *v && std::string(v) != "0";
    }();
    return on;
}
// The size a benchmark runs at: the real one, or a tiny one for the smoke test.
long size_of(long real) { return smoke() ? std::min<long>(real, 200) : real; }

// CPU seconds since t0 (the wall seconds go to g_last_wall).
double seconds_since(const Stamp& t0) {
    const Stamp t1 = Stamp::now();
    g_last_wall = t1.wall - t0.wall;
    return t1.cpu - t0.cpu;
}

long rss_bytes() {
    long pages = 0, resident = 0;
    if (std::FILE* f = std::fopen("/proc/self/statm", "r")) {
        if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
        std::fclose(f);
    }
    return resident * sysconf(_SC_PAGESIZE);
}

void check(bool ok, const char* what) {
    if (!ok) throw std::runtime_error(what);
}

// Reports `items` done in `seconds` for one iteration.
void report_rate(benchmark::State& state, double items, double seconds) {
    state.SetIterationTime(seconds);
    state.counters["per_s"] = benchmark::Counter(items / seconds, benchmark::Counter::kAvgIterations);
    state.counters["ns_per_item"] = benchmark::Counter(seconds * 1e9 / items, benchmark::Counter::kAvgIterations);
    state.counters["items"] = items;
    state.counters["wall_s"] = g_last_wall;
}

// --- 1. switches: N tasks each sleep(0) K times, gathered.

aio::Task<> switcher(int k) {
    for (int i = 0; i < k; ++i) co_await aio::sleep(0);
}

aio::Task<> switches_main(long n, int k) {
    std::vector<aio::Task<>> tasks;
    tasks.reserve(static_cast<std::size_t>(n));
    for (long i = 0; i < n; ++i) tasks.push_back(switcher(k));
    co_await aio::gather(std::move(tasks));
}

void run_switches(long n, int k, aio::TraceSink* sink = nullptr) {
    aio::RunOptions options;
    options.sink = sink;
    aio::run(switches_main(n, k), options);
}

void BM_switches(benchmark::State& state) {
    const long n = size_of(state.range(0));
    const int k = static_cast<int>(state.range(1));
    for (auto _ : state) {
        const auto t0 = Stamp::now();
        run_switches(n, k);
        report_rate(state, static_cast<double>(n) * k, seconds_since(t0));
    }
}
BENCHMARK(BM_switches)->Name("switches")->Args({10000, 10})->UseManualTime()->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_switches)->Name("switches")->Args({100000, 10})->UseManualTime()->Iterations(1)->Unit(benchmark::kMillisecond);

// Warm variants: the same workload run a second time in the process, with glibc told to
// keep freed memory (no trimming, no mmap for big blocks), so the timed run reuses pages
// instead of faulting fresh ones in. On this VM the first touch of a page costs ~2 us of
// kernel time, which is most of a cold 1M-task run; the warm figure is the scheduler's own.
void keep_heap_warm() {
    static const bool once = [] {
        mallopt(M_TRIM_THRESHOLD, 1 << 30);
        mallopt(M_MMAP_THRESHOLD, 32 << 20);
        return true;
    }();
    (void)once;
}

void BM_switches_warm(benchmark::State& state) {
    const long n = size_of(state.range(0));
    const int k = static_cast<int>(state.range(1));
    keep_heap_warm();
    for (auto _ : state) {
        run_switches(n, k);  // untimed: warms the heap
        const auto t0 = Stamp::now();
        run_switches(n, k);
        report_rate(state, static_cast<double>(n) * k, seconds_since(t0));
    }
}
BENCHMARK(BM_switches_warm)->Name("switches_warm")->Args({10000, 10})->UseManualTime()->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_switches_warm)->Name("switches_warm")->Args({100000, 10})->UseManualTime()->Iterations(1)->Unit(benchmark::kMillisecond);

// --- 2. spawn: create N trivial tasks, let them run and complete.

aio::Task<> trivial() { co_return; }

aio::Task<> spawn_main(long n) {
    std::vector<aio::Task<>> tasks;
    tasks.reserve(static_cast<std::size_t>(n));
    for (long i = 0; i < n; ++i) tasks.push_back(aio::create_task(trivial()));
    co_await aio::sleep(0);  // one iteration: every task runs its only step
    for (auto& t : tasks) check(t.done(), "spawn: a task did not finish");
}

void BM_spawn(benchmark::State& state) {
    const long n = size_of(state.range(0));
    for (auto _ : state) {
        const auto t0 = Stamp::now();
        aio::run(spawn_main(n));
        report_rate(state, static_cast<double>(n), seconds_since(t0));
    }
}
BENCHMARK(BM_spawn)->Name("spawn")->Arg(10000)->UseManualTime()->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_spawn)->Name("spawn")->Arg(100000)->UseManualTime()->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_spawn)->Name("spawn")->Arg(1000000)->UseManualTime()->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_spawn_warm(benchmark::State& state) {
    const long n = size_of(state.range(0));
    keep_heap_warm();
    for (auto _ : state) {
        aio::run(spawn_main(n));  // untimed: warms the heap
        const auto t0 = Stamp::now();
        aio::run(spawn_main(n));
        report_rate(state, static_cast<double>(n), seconds_since(t0));
    }
}
BENCHMARK(BM_spawn_warm)->Name("spawn_warm")->Arg(10000)->UseManualTime()->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_spawn_warm)->Name("spawn_warm")->Arg(100000)->UseManualTime()->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_spawn_warm)->Name("spawn_warm")->Arg(1000000)->UseManualTime()->Iterations(1)->Unit(benchmark::kMillisecond);

// --- 3. memory: N tasks pending on one Event.

aio::Task<> event_waiter(aio::Event& ev) { co_await ev.wait(); }

struct MemoryFigures {
    double requested = 0, live = 0, allocations = 0, rss = 0, frame = 0;
};

aio::Task<> memory_main(long n, MemoryFigures& out) {
    aio::Event ev;
    const long rss0 = rss_bytes();
    g_requested = g_allocations = 0;
    g_live = 0;
    // Frames come from aio's frame allocator, not operator new: counted with their size class.
    const auto frames0 = aio::detail::frame_stats();
    g_counting = true;
    for (long i = 0; i < n; ++i) aio::create_task(event_waiter(ev));
    co_await aio::sleep(0);  // every task runs to its wait
    g_counting = false;
    const auto frames1 = aio::detail::frame_stats();
    const double frame_bytes = static_cast<double>(frames1.live_bytes - frames0.live_bytes);
    const double frames = static_cast<double>(frames1.live_frames - frames0.live_frames);
    out.requested = (static_cast<double>(g_requested) + frame_bytes) / static_cast<double>(n);
    out.allocations = (static_cast<double>(g_allocations) + frames) / static_cast<double>(n);
    out.live = (static_cast<double>(g_live) + frame_bytes) / static_cast<double>(n);
    out.rss = static_cast<double>(rss_bytes() - rss0) / static_cast<double>(n);
    out.frame = frame_bytes / static_cast<double>(n);  // 0 where frames come from the general heap
    ev.set();
    co_await aio::sleep(0);
    co_await aio::sleep(0);
}

void BM_memory(benchmark::State& state) {
    const long n = size_of(state.range(0));
    for (auto _ : state) {
        MemoryFigures m;
        const auto t0 = Stamp::now();
        aio::run(memory_main(n, m));
        state.SetIterationTime(seconds_since(t0));
        state.counters["bytes_per_task"] = m.requested;
        state.counters["live_bytes_per_task"] = m.live;
        state.counters["allocs_per_task"] = m.allocations;
        state.counters["rss_per_task"] = m.rss;
        state.counters["frame_bytes_per_task"] = m.frame;
        state.counters["task_record_bytes"] = static_cast<double>(sizeof(aio::detail::TaskCore));
    }
}
BENCHMARK(BM_memory)->Name("memory")->Arg(100000)->UseManualTime()->Iterations(1)->Unit(benchmark::kMillisecond);

// --- 4. queue: maxsize 100, one producer, four consumers, sleep(0) per item.

aio::Task<> producer(aio::Queue<long>& q, long items, int consumers) {
    for (long i = 0; i < items; ++i) co_await q.put(i);
    for (int c = 0; c < consumers; ++c) co_await q.put(-1);
}

aio::Task<> consumer(aio::Queue<long>& q, long& got) {
    for (;;) {
        const long item = co_await q.get();
        if (item < 0) {
            q.task_done();
            co_return;
        }
        co_await aio::sleep(0);
        ++got;
        q.task_done();
    }
}

aio::Task<> queue_main(long items, long& got) {
    aio::Queue<long> q(100);
    std::vector<aio::Task<>> tasks;
    tasks.push_back(producer(q, items, 4));
    for (int c = 0; c < 4; ++c) tasks.push_back(consumer(q, got));
    co_await aio::gather(std::move(tasks));
}

void BM_queue(benchmark::State& state) {
    const long items = size_of(state.range(0));
    for (auto _ : state) {
        long got = 0;
        const auto t0 = Stamp::now();
        aio::run(queue_main(items, got));
        const double s = seconds_since(t0);
        check(got == items, "queue: items lost");
        report_rate(state, static_cast<double>(items), s);
    }
}
BENCHMARK(BM_queue)->Name("queue")->Arg(1000000)->UseManualTime()->Iterations(1)->Unit(benchmark::kMillisecond);

// --- 5. semaphore: Semaphore(10), T tasks x R acquire/release with sleep(0) inside.

aio::Task<> sem_user(aio::Semaphore& sem, int rounds, long& pairs) {
    for (int r = 0; r < rounds; ++r) {
        co_await sem.acquire();
        co_await aio::sleep(0);
        ++pairs;
        sem.release();
    }
}

aio::Task<> semaphore_main(long tasks, int rounds, long& pairs) {
    aio::Semaphore sem(10);
    std::vector<aio::Task<>> users;
    users.reserve(static_cast<std::size_t>(tasks));
    for (long i = 0; i < tasks; ++i) users.push_back(sem_user(sem, rounds, pairs));
    co_await aio::gather(std::move(users));
}

void BM_semaphore(benchmark::State& state) {
    const long tasks = size_of(state.range(0));
    const int rounds = static_cast<int>(state.range(1));
    for (auto _ : state) {
        long pairs = 0;
        const auto t0 = Stamp::now();
        aio::run(semaphore_main(tasks, rounds, pairs));
        const double s = seconds_since(t0);
        check(pairs == tasks * rounds, "semaphore: pairs lost");
        report_rate(state, static_cast<double>(pairs), s);
    }
}
BENCHMARK(BM_semaphore)->Name("semaphore")->Args({1000, 100})->UseManualTime()->Iterations(1)->Unit(benchmark::kMillisecond);

#ifndef DIRIGENT_NO_TRACE_HOOKS
// --- 6. trace: workload 1 (N=10k, K=10) with a recorder, with a recorder and the
// TraceState snapshots of a StateSeeker, and the Chrome JSON export of 1M events.

void BM_trace_recorder(benchmark::State& state) {
    const long n = size_of(state.range(0));
    const bool snapshots = state.range(1) != 0;
    for (auto _ : state) {
        const auto t0 = Stamp::now();
        trace::Recorder recorder;
        run_switches(n, 10, &recorder);
        std::size_t snapshot_count = 0;
        if (snapshots) {
            trace::StateSeeker seeker(recorder);  // indexes the whole run: snapshots every 1024 events
            snapshot_count = seeker.snapshot_count();
        }
        const double s = seconds_since(t0);
        report_rate(state, static_cast<double>(n) * 10, s);
        state.counters["events"] = static_cast<double>(recorder.size());
        state.counters["ns_per_event"] = s * 1e9 / static_cast<double>(recorder.size());
        state.counters["snapshots"] = static_cast<double>(snapshot_count);
    }
}
// The GUI's pattern when a slider re-runs a lesson: the recorder is cleared and
// reused (its chunks stay), the heap is warm.
void BM_trace_recorder_warm(benchmark::State& state) {
    const long n = size_of(state.range(0));
    keep_heap_warm();
    for (auto _ : state) {
        trace::Recorder recorder;
        run_switches(n, 10, &recorder);  // untimed: allocates the chunks, warms the heap
        recorder.clear();
        const auto t0 = Stamp::now();
        run_switches(n, 10, &recorder);
        const double s = seconds_since(t0);
        report_rate(state, static_cast<double>(n) * 10, s);
        state.counters["events"] = static_cast<double>(recorder.size());
        state.counters["ns_per_event"] = s * 1e9 / static_cast<double>(recorder.size());
    }
}
BENCHMARK(BM_trace_recorder_warm)->Name("trace_recorder_warm")->Arg(10000)->UseManualTime()->Iterations(1)->Unit(benchmark::kMillisecond);

BENCHMARK(BM_trace_recorder)->Name("trace_recorder")->Args({10000, 0})->UseManualTime()->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_trace_recorder)->Name("trace_snapshots")->Args({10000, 1})->UseManualTime()->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_chrome_export(benchmark::State& state) {
    const long wanted = size_of(state.range(0));
    // Switch runs give about four events per switch; record until there are enough.
    trace::Recorder recorder;
    run_switches(std::max<long>(1, wanted / 40 + 1), 10, &recorder);
    check(recorder.size() >= static_cast<std::size_t>(wanted), "chrome: too few events");
    for (auto _ : state) {
        std::ofstream out("/dev/null");
        const auto t0 = Stamp::now();
        trace::write_chrome_trace(recorder, out);
        out.flush();
        const double s = seconds_since(t0);
        state.SetIterationTime(s);
        state.counters["events"] = static_cast<double>(recorder.size());
        state.counters["s_per_1M_events"] = s * 1e6 / static_cast<double>(recorder.size());
        state.counters["ns_per_event"] = s * 1e9 / static_cast<double>(recorder.size());
    }
}
BENCHMARK(BM_chrome_export)->Name("chrome_export")->Arg(1000000)->UseManualTime()->Iterations(1)->Unit(benchmark::kMillisecond);
#endif

}  // namespace

BENCHMARK_MAIN();
