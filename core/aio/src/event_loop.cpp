#include "aio/event_loop.hpp"

#include "aio/detail/fixed.hpp"
#include "aio/call_soon.hpp"
#include "aio/detail/task_core.hpp"
#include "aio/executor.hpp"

#include <utility>

namespace aio {

using detail::tl_loop;

namespace {
std::string wait_description(const detail::TaskCore& t) {
    std::string what(to_string(t.wait_kind));
    if (t.wait_object) what += " #" + std::to_string(t.wait_object);
    return what;
}

std::string base_name(const char* file) {
    if (!file) return {};
    std::string f = file;
    auto slash = f.find_last_of('/');
    return slash == std::string::npos ? f : f.substr(slash + 1);
}
}  // namespace

EventLoop::EventLoop(ClockKind clock) {
    if (tl_loop) throw RuntimeError("aio::run() cannot be called from a running event loop");
    if (clock == ClockKind::Virtual) clock_ = std::make_unique<VirtualClock>();
    else clock_ = std::make_unique<SteadyClock>();
    ring_.resize(256);
    ring_data_ = ring_.data();
    ring_mask_ = ring_.size() - 1;
    heap_.reserve(64);
    tl_loop = this;
}

EventLoop::~EventLoop() {
    destroy_leftovers();
    tl_loop = nullptr;
}

void EventLoop::throw_no_loop() { throw RuntimeError("no running event loop"); }

// --- ready queue: a ring of pointers with absolute positions, so a queued handle
// can be taken back out in O(1) by nulling its slot.

void EventLoop::grow_ring() {
    std::vector<Handle*> bigger(ring_.size() * 2);
    for (std::uint64_t i = head_; i != tail_; ++i) bigger[i & (bigger.size() - 1)] = ring_[i & (ring_.size() - 1)];
    ring_.swap(bigger);
    ring_data_ = ring_.data();
    ring_mask_ = ring_.size() - 1;
}

void EventLoop::unqueue(Handle* h) noexcept {
    if (!h->ready_slot_) return;
    ring_data_[(h->ready_slot_ - 1) & ring_mask_] = nullptr;
    h->ready_slot_ = 0;
}

// --- timers: a binary heap ordered by (deadline, arming order) whose nodes know
// their index, so a cancelled sleep leaves the heap at once.

void EventLoop::arm(TimerNode* t, std::int64_t when_ns) {
    if (t->armed()) disarm(t);
    t->when = when_ns;
    t->seq = ++timer_seq_;
    heap_push(t);
}

void EventLoop::disarm(TimerNode* t) noexcept {
    if (t->armed()) heap_remove(t->heap_index_);
    unqueue(t);
}

void EventLoop::heap_push(TimerNode* t) {
    t->heap_index_ = heap_.size();
    heap_.push_back(t);
    sift_up(t->heap_index_);
}

TimerNode* EventLoop::heap_pop() {
    TimerNode* top = heap_.front();
    heap_remove(0);
    return top;
}

void EventLoop::heap_remove(std::size_t index) noexcept {
    TimerNode* gone = heap_[index];
    TimerNode* last = heap_.back();
    heap_.pop_back();
    gone->heap_index_ = TimerNode::npos;
    if (index == heap_.size()) return;
    heap_[index] = last;
    last->heap_index_ = index;
    sift_down(index);
    sift_up(last->heap_index_);
}

void EventLoop::sift_up(std::size_t i) noexcept {
    TimerNode* node = heap_[i];
    while (i > 0) {
        std::size_t parent = (i - 1) / 2;
        if (!earlier(node, heap_[parent])) break;
        heap_[i] = heap_[parent];
        heap_[i]->heap_index_ = i;
        i = parent;
    }
    heap_[i] = node;
    node->heap_index_ = i;
}

void EventLoop::sift_down(std::size_t i) noexcept {
    TimerNode* node = heap_[i];
    const std::size_t n = heap_.size();
    while (true) {
        std::size_t child = 2 * i + 1;
        if (child >= n) break;
        if (child + 1 < n && earlier(heap_[child + 1], heap_[child])) ++child;
        if (!earlier(heap_[child], node)) break;
        heap_[i] = heap_[child];
        heap_[i]->heap_index_ = i;
        i = child;
    }
    heap_[i] = node;
    node->heap_index_ = i;
}

std::optional<std::int64_t> EventLoop::next_deadline_ns() const noexcept {
    if (heap_.empty()) return std::nullopt;
    return heap_.front()->when;
}

// --- one iteration, as asyncio's _run_once: wait for the next timer if nothing is
// ready, move every due timer to the ready queue, then run exactly the handles
// that are ready now; what they schedule runs in the next iteration.

EventLoop::Step EventLoop::run_once(bool may_wait) {
    if (!has_ready()) {
        if (heap_.empty()) return Step::Idle;
        if (may_wait) clock_->advance_to(heap_.front()->when);
    }
    ++iteration_;
    const std::int64_t now = clock_->now_ns();
    while (!heap_.empty() && heap_.front()->when <= now) {
        TimerNode* t = heap_pop();
        if (tracing()) [[unlikely]] {
            TraceEvent e;
            e.kind = TraceEventKind::TimerFired;
            e.object = static_cast<std::uint32_t>(t->seq);
            e.value = t->when;
            emit_trace_event(std::move(e));
        }
        call_soon(t);
    }
    const std::uint64_t end = tail_;
    if (debug_) [[unlikely]] {
        run_ready_debug(end);
        return Step::Ran;
    }
    while (head_ != end) {
        // (re-read the ring each time: a handle may grow it)
        Handle* h = ring_data_[head_ & ring_mask_];
        ++head_;
        if (!h) continue;  // taken back out after it was queued
        h->ready_slot_ = 0;
        h->fn(h->ctx);
    }
    return Step::Ran;
}

// The same loop as in run_once, timing each handle as asyncio's debug mode does.
void EventLoop::run_ready_debug(std::uint64_t end) {
    while (head_ != end) {
        Handle* h = ring_data_[head_ & ring_mask_];
        ++head_;
        if (!h) continue;
        h->ready_slot_ = 0;
        // A task's step may finish the task and free its frame (and `h` with it): hold a
        // reference so the report can still name the task.
        detail::TaskCore* task = h->fn == &detail::TaskCore::step_thunk ? static_cast<detail::TaskCore*>(h->ctx) : nullptr;
        struct Hold {
            detail::TaskCore* t;
            ~Hold() {
                if (t) t->release();
            }
        } hold{task};
        if (task) task->add_ref();
        // Seconds as doubles, subtracted like CPython's `dt = self.time() - t0`, so the
        // comparison with the threshold rounds the same way on both sides.
        const double t0 = time();
        h->fn(h->ctx);
        const double dt = time() - t0;
        if (dt >= slow_callback_duration_) report_slow(task, dt);
    }
}

void EventLoop::report_slow(detail::TaskCore* task, double seconds) {
    // CPython prints repr(task): "<Task pending name='x' coro=<...> ...>". The coroutine part
    // names files and lines of the program, so aio prints the state and the name only.
    std::string what = "<Handle>";
    if (task) {
        const char* state = task->cancelled() ? "cancelled"
                            : task->done()    ? "finished"
                            : task->cancelling() > 0 ? "cancelling"
                                                     : "pending";
        what = std::string("<Task ") + state + " name='" + task->name() + "'>";
    }
    std::string line = "Executing " + what + " took " + detail::fixed(seconds, 3) + " seconds";
    if (tracing()) [[unlikely]] {
        TraceEvent e;
        e.kind = TraceEventKind::SlowStep;
        e.task = task ? task->id : 0;
        e.value = to_ns(seconds);
        if (task && !task->done()) {
            e.file = task->wait_site().file_name();
            e.line = task->wait_site().line();
        }
        e.text = line;
        emit_trace_event(std::move(e));
    }
    write_log_line(LogKind::Loop, line);
}

void EventLoop::set_default_executor(std::shared_ptr<Executor> executor) { default_executor_ = std::move(executor); }

const std::shared_ptr<Executor>& EventLoop::default_executor() {
    if (!default_executor_) default_executor_ = std::make_shared<VirtualExecutor>();
    return default_executor_;
}

void EventLoop::emit_trace_event(TraceEvent&& e) {
    e.seq = event_seq_++;
    e.iteration = iteration_;
    e.time_ns = clock_->now_ns();
    sink_->on_event(e);
}

void EventLoop::log(std::string_view line) {
    if (tracing()) [[unlikely]] {
        TraceEvent e;
        e.kind = TraceEventKind::Log;
        e.task = current_task_ ? current_task_->id : 0;
        e.text = std::string(line);
        emit_trace_event(std::move(e));
    }
    write_log_line(LogKind::Program, line);
}

void EventLoop::write_log_line(LogKind kind, std::string_view line) {
    if (!log_sink_) return;
    std::string text = "t=" + detail::fixed(time(), 3);
    text += ' ';
    text += line;
    log_sink_->line(kind, text);
}

void EventLoop::warn(std::string_view text) {
    if (log_sink_) log_sink_->line(LogKind::Warning, text);
}

void EventLoop::register_task(detail::TaskCore* t) noexcept {
    t->registered = true;
    tasks_.push_back(t);
    ++live_tasks_;
}

void EventLoop::unregister_task(detail::TaskCore* t) noexcept {
    if (!t->registered) return;
    t->registered = false;
    tasks_.erase(t);
    --live_tasks_;
}

std::vector<DeadlockError::Waiting> EventLoop::report_deadlock() {
    std::vector<DeadlockError::Waiting> waiting;
    write_log_line(LogKind::Deadlock, "deadlock");
    for (detail::TaskCore* t : tasks_) {
        DeadlockError::Waiting w;
        w.task = t->name();
        w.what = wait_description(*t);
        w.file = base_name(t->wait_site().file_name());
        w.line = t->wait_site().line();
        if (tracing()) {
            TraceEvent e;
            e.kind = TraceEventKind::Deadlock;
            e.task = t->id;
            e.wait = t->wait_kind;
            e.object = t->wait_object;
            e.file = t->wait_site().file_name();
            e.line = t->wait_site().line();
            e.text = w.what;
            emit_trace_event(std::move(e));
        }
        if (log_sink_) write_log_line(LogKind::Deadlock, "  waiting: " + t->name());
        waiting.push_back(std::move(w));
    }
    return waiting;
}

void EventLoop::cancel_all_and_finish(bool report_deadlocks) {
    // asyncio.run's shutdown, in rounds as long as tasks are left: cancel the unfinished ones in
    // creation order (asyncio.run iterates a set; Dirigent is deterministic) and run until
    // gather(*them) is done. A task may survive its cancellation, run on and start new tasks;
    // the next round cancels those. A round that deadlocks is reported (in virtual time) and the
    // next one cancels again. asyncio would hang on a task that survives every round; the cap
    // ends that, and whatever is left is destroyed.
    constexpr int kMaxRounds = 1000;
    std::vector<detail::TaskCore*> held;
    for (int round = 0; round < kMaxRounds && tasks_.front(); ++round) {
        std::vector<detail::TaskCore*> to_cancel;
        for (detail::TaskCore* t : tasks_) {
            t->add_ref();
            // asyncio.run reads each one's exception() afterwards (an error raised while being
            // cancelled is not "never retrieved").
            t->mark_retrieved();
            to_cancel.push_back(t);
        }
        held.insert(held.end(), to_cancel.begin(), to_cancel.end());
        for (auto* t : to_cancel) t->cancel();
        auto all_done = [&] {
            for (auto* t : to_cancel)
                if (!t->done()) return false;
            return true;
        };
        if (run_until(all_done)) {
            // The gather's callback runs one iteration after its last task ended, and
            // run_until_complete's stop one more: two iterations in which what is ready still runs.
            run_once(false);
            run_once(false);
        } else if (report_deadlocks) {
            report_deadlock();
        } else {
            break;
        }
    }
    for (auto* t : held) t->release();
    destroy_leftovers();
}

void EventLoop::destroy_leftovers() noexcept {
    // Tasks that can never finish (still waiting after the shutdown): destroy their
    // frames so every awaiter unhooks itself and nothing leaks.
    while (detail::TaskCore* t = tasks_.front()) t->abandon();
    // Whatever is still queued or armed belongs to nobody now; unhook it so no
    // destructor later reaches back into this loop. Calls from call_soon/call_later
    // are owned by the loop: drop its reference once they are unhooked.
    std::vector<detail::ScheduledCall*> calls;
    std::vector<detail::DoneCallbackNode*> done_callbacks;
    for (TimerNode* t : heap_) {
        t->heap_index_ = TimerNode::npos;
        if (t->fn == &detail::ScheduledCall::fire) calls.push_back(static_cast<detail::ScheduledCall*>(t));
    }
    heap_.clear();
    for (; head_ != tail_; ++head_) {
        if (Handle* h = ring_data_[head_ & ring_mask_]) {
            h->ready_slot_ = 0;
            if (h->fn == &detail::ScheduledCall::fire) calls.push_back(static_cast<detail::ScheduledCall*>(h));
            else if (detail::DoneCallbackNode::is(h)) done_callbacks.push_back(static_cast<detail::DoneCallbackNode*>(h));
        }
    }
    for (auto* c : calls) c->release();
    for (auto* d : done_callbacks) delete d;  // drops its handle on the task
}

namespace detail {
void ScheduledCall::fire(void* self) {
    auto* call = static_cast<ScheduledCall*>(self);
    try {
        call->invoke();
    } catch (...) {
        // asyncio's default exception handler: report and keep the loop running.
        report_callback_exception();
    }
    call->release();  // the loop's reference
}
}  // namespace detail

double time() { return EventLoop::get().time(); }
std::int64_t now_ns() { return EventLoop::get().time_ns(); }
void log(std::string_view line) { EventLoop::get().log(line); }

}  // namespace aio
