// The event loop: a ready queue and a timer heap, run one iteration at a time
// exactly like asyncio's BaseEventLoop._run_once.
#pragma once

#include "aio/clock.hpp"
#include "aio/detail/intrusive_list.hpp"
#include "aio/errors.hpp"
#include "aio/handle.hpp"
#include "aio/log_sink.hpp"
#include "aio/trace_event.hpp"

#include <concepts>
#include <cstdint>
#include <memory>
#include <optional>
#include <source_location>
#include <string>
#include <string_view>
#include <vector>

namespace aio {

class EventLoop;
class Executor;
class CallbackHandle;
class TimerHandle;

namespace detail {
class TaskCore;
struct TaskListLink;  // TaskCore::task_link (task_core.hpp)
using TaskList = IntrusiveList<TaskCore, TaskListLink>;
// The loop running on this thread: constant-initialised, so reading it is one TLS load.
constinit inline thread_local EventLoop* tl_loop = nullptr;
}

class EventLoop {
public:
    explicit EventLoop(ClockKind clock = ClockKind::Virtual);
    EventLoop(const EventLoop&) = delete;
    EventLoop& operator=(const EventLoop&) = delete;
    ~EventLoop();

    // The loop of this thread, or nullptr.
    static EventLoop* current() noexcept { return detail::tl_loop; }
    // The loop of this thread; throws RuntimeError("no running event loop") if none.
    static EventLoop& get() {
        if (!detail::tl_loop) [[unlikely]] throw_no_loop();
        return *detail::tl_loop;
    }

    std::int64_t time_ns() const noexcept { return clock_->now_ns(); }
    double time() const noexcept { return static_cast<double>(time_ns()) / 1e9; }
    bool is_virtual() const noexcept { return clock_->is_virtual(); }
    std::uint64_t iteration() const noexcept { return iteration_; }

    // asyncio's call_soon: `h` runs in the next iteration (never in the current one).
    void call_soon(Handle* h) {
        if (tail_ - head_ == ring_.size()) [[unlikely]] grow_ring();
        ++tail_;
        h->ready_slot_ = tail_;  // position + 1
        ring_data_[(tail_ - 1) & ring_mask_] = h;
    }
    // loop.call_soon / call_later / call_at with a callable (defined in call_soon.hpp).
    template <class F>
        requires std::invocable<F&>
    CallbackHandle call_soon(F f);
    template <class F>
        requires std::invocable<F&>
    TimerHandle call_later(double delay, F f);
    template <class F>
        requires std::invocable<F&>
    TimerHandle call_at(double when, F f);
    // Take a queued handle back out (used by the destructors of handles).
    void unqueue(Handle* h) noexcept;
    // asyncio's call_at: `t` becomes ready at t->when; ties fire in arming order.
    void arm(TimerNode* t, std::int64_t when_ns);
    void disarm(TimerNode* t) noexcept;

    enum class Step { Ran, Idle };
    // One iteration. With `may_wait`, waits (or jumps, virtual) for the next timer when
    // nothing is ready; returns Idle when there is nothing to run and nothing to wait for.
    Step run_once(bool may_wait = true);
    bool has_ready() const noexcept { return tail_ != head_; }
    std::optional<std::int64_t> next_deadline_ns() const noexcept;

    // Pending work that completes from outside the loop (network replies, thread results):
    // while it is non-zero a quiet loop is waiting, not deadlocked.
    void add_external() noexcept { ++external_; }
    void remove_external() noexcept { --external_; }
    int external() const noexcept { return external_; }

    // Tracing: with no sink, every hook costs one predictable branch. Compiled with
    // DIRIGENT_NO_TRACE_HOOKS (the benchmarks' reference build only) there are no hooks.
    void set_sink(TraceSink* sink) noexcept { sink_ = sink; }
    TraceSink* sink() const noexcept { return sink_; }
#ifdef DIRIGENT_NO_TRACE_HOOKS
    static constexpr bool tracing() noexcept { return false; }
#else
    bool tracing() const noexcept { return sink_ != nullptr; }
#endif
    void emit_trace_event(TraceEvent&& e);

    // asyncio's debug mode (loop.set_debug): every handle the loop runs is timed on the loop's
    // clock, and one that took at least slow_callback_duration seconds is reported: a SlowStep
    // event and "Executing <Task pending name='x'> took 1.000 seconds" to the log sink.
    // (Under the virtual clock only blocking_sleep() makes a step take time.)
    void set_debug(bool enabled) noexcept { debug_ = enabled; }
    bool get_debug() const noexcept { return debug_; }
    void set_slow_callback_duration(double seconds) noexcept { slow_callback_duration_ = seconds; }
    double slow_callback_duration() const noexcept { return slow_callback_duration_; }

    // time.sleep() called on the loop's thread: the loop is held for `ns`, nothing else runs.
    // The virtual clock jumps ahead by `ns`; the steady clock really sleeps.
    void hold(std::int64_t ns) { clock_->advance_to(clock_->now_ns() + ns); }

    // loop.set_default_executor: where run_in_executor(nullptr, ...) and to_thread send work.
    // Until one is set the loop makes a VirtualExecutor (executor.hpp) on first use.
    void set_default_executor(std::shared_ptr<Executor> executor);
    const std::shared_ptr<Executor>& default_executor();

    // Where the loop's lines go (log_sink.hpp); nullptr: nowhere. The sink must outlive the run.
    void set_log_sink(LogSink* sink) noexcept { log_sink_ = sink; }
    LogSink* log_sink() const noexcept { return log_sink_; }
    void log(std::string_view line);
    // A line from the loop itself: "t=… line" of `kind` to the log sink, no Log event.
    void write_log_line(LogKind kind, std::string_view line);
    // A warning (no time stamp) to the log sink.
    void warn(std::string_view text);

    detail::TaskCore* current_task() const noexcept { return current_task_; }
    void set_current_task(detail::TaskCore* t) noexcept { current_task_ = t; }

    std::uint32_t next_task_id() noexcept { return ++last_task_id_; }
    // asyncio's "Task-N" counter: every task that asyncio.create_task makes takes a number,
    // named or not (see TaskCore::start_as_task); the unnamed ones show it.
    std::uint32_t next_default_name_number() noexcept { return ++last_default_name_; }
    std::uint32_t next_object_id() noexcept { return ++last_object_id_; }
    void register_task(detail::TaskCore* t) noexcept;
    void unregister_task(detail::TaskCore* t) noexcept;
    // The unfinished tasks in creation order (asyncio.all_tasks(), see task.hpp); iterate
    // with task_core.hpp included.
    const detail::TaskList& tasks() const noexcept { return tasks_; }
    std::size_t live_tasks() const noexcept { return live_tasks_; }

    // Runs iterations until `done()` holds. Returns false on a deadlock (virtual clock, or
    // nothing left to wait for), after reporting it.
    template <class Pred>
    bool run_until(Pred done) {
        while (!done()) {
            if (run_once() == Step::Idle) return false;
        }
        return true;
    }

    // The deadlock report: who waits on what, and where. Emits Deadlock events and hands
    // "t=… deadlock" and one "t=…   waiting: name" per task to the log sink.
    std::vector<DeadlockError::Waiting> report_deadlock();

    // asyncio.run's shutdown: cancel every unfinished task in creation order and run until
    // they are done, in rounds while tasks are left (see event_loop.cpp); whatever still waits
    // after that is destroyed. `report_deadlocks`: a round that deadlocks is reported and the
    // next round cancels again (virtual time, as aio::run); otherwise the shutdown ends there.
    void cancel_all_and_finish(bool report_deadlocks = false);

    // Frames that must be destroyed outside of their own execution.
    void destroy_leftovers() noexcept;

private:
    [[noreturn]] static void throw_no_loop();
    void grow_ring();
    void run_ready_debug(std::uint64_t end);
    void report_slow(detail::TaskCore* task, double seconds);
    void heap_push(TimerNode* t);
    TimerNode* heap_pop();
    void heap_remove(std::size_t index) noexcept;
    void sift_up(std::size_t i) noexcept;
    void sift_down(std::size_t i) noexcept;
    static bool earlier(const TimerNode* a, const TimerNode* b) noexcept {
        return a->when < b->when || (a->when == b->when && a->seq < b->seq);
    }

    std::unique_ptr<Clock> clock_;
    std::vector<Handle*> ring_;
    Handle** ring_data_ = nullptr;  // ring_.data()
    std::uint64_t ring_mask_ = 0;   // ring_.size() - 1 (a power of two)
    std::uint64_t head_ = 0;
    std::uint64_t tail_ = 0;
    std::vector<TimerNode*> heap_;
    std::uint64_t timer_seq_ = 0;

    TraceSink* sink_ = nullptr;
    std::uint64_t event_seq_ = 0;
    std::uint64_t iteration_ = 0;
    LogSink* log_sink_ = nullptr;
    bool debug_ = false;
    double slow_callback_duration_ = 0.1;  // asyncio's default
    std::shared_ptr<Executor> default_executor_;

    detail::TaskCore* current_task_ = nullptr;
    detail::TaskList tasks_;
    std::size_t live_tasks_ = 0;
    std::uint32_t last_task_id_ = 0;
    std::uint32_t last_default_name_ = 0;
    std::uint32_t last_object_id_ = 0;
    int external_ = 0;
    EventLoop* previous_ = nullptr;
};

// asyncio.get_running_loop(); throws RuntimeError("no running event loop") if none.
inline EventLoop& get_running_loop() { return EventLoop::get(); }

// Loop time of the running loop, in seconds and nanoseconds.
double time();
std::int64_t now_ns();
// A line from the program: a Log trace event, and `t=… line` to the run's log sink.
void log(std::string_view line);

}  // namespace aio
