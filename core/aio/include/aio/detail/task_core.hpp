// The non-template heart of a task: asyncio's Task (a Future that steps a
// coroutine). It lives in the promise of every aio::Task<T> frame, so creating
// a task allocates exactly one coroutine frame and nothing else.
#pragma once

#include "aio/event_loop.hpp"
#include "aio/future_core.hpp"
#include "aio/trace_event.hpp"

#include <coroutine>
#include <cstdint>
#include <source_location>
#include <string>
#include <string_view>

namespace aio::detail {

// Where the co_await being evaluated is, captured by the promise's await_transform.
constinit inline thread_local std::source_location tl_await_site{};

class TaskCore : public FutureCore {
    // The small members first: they fill the padding at the end of FutureCore, and the
    // flags share one byte (every byte here is a byte of every task).
public:
    // What the task waits on (with wait_object, wait_site()), for the deadlock report and the trace.
    WaitKind wait_kind = WaitKind::None;
    // Inline use (awaited as a coroutine, not scheduled): awaited already. A task never
    // reads it as that, so for a task it means "its outcome was read" (result(), exception(),
    // an await, gather, a TaskGroup...): asyncio's _log_traceback cleared, so a failure is not
    // reported as "Task exception was never retrieved" when the last handle goes.
    mutable bool consumed : 1 = false;
    bool registered : 1 = false;  // in the loop's task list (a finished task's handle may outlive its loop)

protected:
    bool threw_cancelled_ : 1 = false;  // the root coroutine ended by CancelledError (set by the promise)

private:
    bool is_task_ : 1 = false;
    bool started_ : 1 = false;
    bool must_cancel_ : 1 = false;
    bool deliver_cancel_ : 1 = false;
    // error_ holds Task._cancel_message (a CancelledError made by cancel(msg)) instead of
    // an outcome: while pending, and after a cancellation that never reached the
    // coroutine. The message lives in the error slot, so the task record does not grow.
    bool cancel_msg_kept_ : 1 = false;
    // Returned normally after a cancel(msg) it swallowed: CPython keeps Task._cancel_message,
    // and gather's cancellation reads it from its last child (see done_cancel_message()).
    bool done_msg_kept_ : 1 = false;
    int cancels_requested_ = 0;

public:
    TaskCore() noexcept : FutureCore(Kind::Task) {}
    ~TaskCore();

    // Task.cancel(msg): a request, delivered as CancelledError(msg) at the current await.
    bool cancel(std::string_view msg = {});
    bool cancel_message_kept() const noexcept { return cancel_msg_kept_; }
    // Task._cancel_message of a task that finished normally ("" for None): kept aside (rare).
    std::string done_cancel_message() const;
    int cancelling() const noexcept { return cancels_requested_; }
    int uncancel() noexcept {
        if (cancels_requested_ > 0) --cancels_requested_;
        return cancels_requested_;
    }

    // Scheduling as a task (create_task). The loop keeps a reference until it is done.
    // `number_if_named`: a name given still uses up a "Task-N" number, as asyncio.create_task
    // does in 3.11 (it creates the task unnamed and names it then); loop.create_task(name=...)
    // does not (false).
    void start_as_task(EventLoop& loop, std::string name, const std::source_location& where,
                       bool number_if_named = true);
    bool is_task() const noexcept { return is_task_; }
    bool started() const noexcept { return started_; }

    // Called by awaiters in await_suspend: the task waits for `fut` (asyncio: the
    // coroutine yields a future and the task adds its __wakeup as done callback).
    void suspend_on(FutureCore* fut, std::coroutine_handle<> h, WaitKind kind, std::uint32_t object,
                    std::int64_t value = 0);
    // A bare yield (sleep(0)): the step is scheduled again for the next iteration.
    void yield_now(std::coroutine_handle<> h) {
        resume_point = h;
        wait_kind = WaitKind::Yield;
        wait_object = 0;
        site_ = tl_await_site;
        if (loop_->tracing()) [[unlikely]] {
            yield_traced();
            return;
        }
        loop_->call_soon(&wakeup_);
    }
    // In await_resume: a cancellation delivered with this step is raised here.
    void throw_if_cancelled_now() {
        if (deliver_cancel_) [[unlikely]] {
            deliver_cancel_ = false;
            throw_delivered_cancel();
        }
    }
    // The same for an await on `fut`: if `fut` itself was cancelled (with a message),
    // its CancelledError is the one raised, as in Task.__step.
    void throw_if_cancelled_now(FutureCore& fut) {
        if (deliver_cancel_) [[unlikely]] {
            deliver_cancel_ = false;
            throw_delivered_cancel(fut);
        }
    }
    bool cancel_delivered_now() const noexcept { return deliver_cancel_; }
    // Queue.get/put re-check their condition when woken, before the coroutine
    // resumes; the hook returns false when it suspended the task again. The hook
    // lives in the awaiter (one pointer here instead of a function and a context).
    struct ResumeHook {
        bool (*fn)(ResumeHook* self);
    };
    void set_resume_hook(ResumeHook* hook) noexcept { link_ = hook; }

    // Task.result() / Task.exception() were called (or the task was awaited): see `consumed`.
    void mark_retrieved() const noexcept { consumed = true; }
    // Would dropping the last reference report "Task exception was never retrieved"?
    bool exception_unretrieved() const noexcept { return is_task_ && state_ == State::Done && error_ && !consumed; }

    // Frame ownership: the loop (while the task runs) and every Task<T> handle.
    void add_ref() noexcept { ++refs_; }
    void release() noexcept;
    // A task that can never finish: forget it as cancelled and drop the loop's
    // reference, so its frame (and every awaiter in it) is destroyed.
    void abandon() noexcept;

    // Inline use (awaited as a coroutine, not scheduled): the frame to resume at the end.
    void set_continuation(std::coroutine_handle<> h) noexcept { link_ = h.address(); }
    std::coroutine_handle<> continuation() const noexcept { return std::coroutine_handle<>::from_address(link_); }

    std::uint32_t id = 0;
    std::uint32_t parent = 0;
    std::uint32_t wait_object = 0;  // see wait_kind

private:
    std::uint32_t refs_ = 0;
    // An inline coroutine's continuation (a frame address), or a task's ResumeHook: a task
    // is never awaited inline, so one word serves both.
    void* link_ = nullptr;

public:
    // The task's name: given to create_task, or asyncio's "Task-N" (made when first asked
    // for: an unnamed task stores only its number).
    const std::string& name() const;
    // Task.set_name(). (The trace keeps the name the task was created with.)
    void set_name(std::string name);

    // The co_await it waits at (known once the task has started).
    std::source_location wait_site() const noexcept { return started_ ? site_ : std::source_location{}; }
    // The coroutine function (for "never awaited"; known until the coroutine starts).
    std::source_location created_at() const noexcept { return started_ ? std::source_location{} : site_; }
    void set_created_at(std::source_location fn) noexcept { site_ = fn; }

    // The loop's list of unfinished tasks, in creation order.
    ListLink<TaskCore> task_link;

    std::coroutine_handle<> frame;         // this promise's own frame
    std::coroutine_handle<> resume_point;  // innermost suspended frame of this task

protected:
    // From the promise: the coroutine raised `error` (a CancelledError if `cancelled`).
    // A task keeps its CancelledError to hand it to the first who asks (Task._cancelled_exc).
    void set_raised(std::exception_ptr error, bool cancelled) noexcept {
        if (cancel_msg_kept_ && !cancelled) [[unlikely]] keep_done_message();
        error_ = std::move(error);
        cancel_msg_kept_ = false;
        threw_cancelled_ = cancelled;
    }
    // From the promise: the root coroutine of a task finished; `result_text` describes
    // its value for the trace (a function of the promise type instead of a virtual table).
    using ResultText = std::string (*)(const TaskCore&);
    void finish_task(bool threw_cancelled, ResultText result_text) noexcept;

private:
    static void step_thunk(void* self) { static_cast<TaskCore*>(self)->step(); }
    void step();
    void yield_traced();
    [[noreturn]] void throw_delivered_cancel();
    [[noreturn]] void throw_delivered_cancel(FutureCore& fut);
    void report_never_retrieved() noexcept;
    void keep_done_message() noexcept;  // error_ holds the message: keep it as done_cancel_message()

    EventLoop* loop_ = nullptr;
    // The task's step, both as its entry in the ready queue (create_task, sleep(0)) and as
    // the done callback of the future it waits for (asyncio's __step and __wakeup): a task
    // is never queued and waiting at the same time, so one node serves both.
    Callback wakeup_{&TaskCore::step_thunk, this};
    // The owned name string, or (N << 1 | 1) for "Task-N" not made yet, or 0 (no name).
    mutable std::uintptr_t name_ = 0;
    // Before the first step: the coroutine function (created_at); after: the current co_await.
    std::source_location site_{};

    friend class aio::EventLoop;
    friend bool is_task_wakeup(const Callback* cb) noexcept;
};

struct TaskListLink : MemberLink<TaskCore, &TaskCore::task_link> {};

// A done callback added with Task::add_done_callback: one allocation holding the callable
// and a handle on the task (asyncio's Handle holds the task as its argument the same way).
// It deletes itself after it ran; the loop's teardown deletes those that never ran.
struct DoneCallbackNode : Callback {
    DoneCallbackNode() : Callback(&DoneCallbackNode::fire, this) {}
    virtual ~DoneCallbackNode() = default;
    virtual void invoke() = 0;
    static void fire(void* self);
    static bool is(const Handle* h) noexcept { return h->fn == &DoneCallbackNode::fire; }
};

// asyncio's default exception handler for a callback that threw (call from its catch block):
// "Exception in callback: …" as a warning to the log sink.
void report_callback_exception() noexcept;

// True when `cb` is a task's wakeup (used to emit Woken events).
bool is_task_wakeup(const Callback* cb) noexcept;
TaskCore* task_of_wakeup(const Callback* cb) noexcept;

// The task that is running now; throws RuntimeError outside of a task.
[[noreturn]] void throw_no_running_task();
inline TaskCore& running_task() {
    EventLoop& loop = EventLoop::get();
    if (!loop.current_task()) [[unlikely]] throw_no_running_task();
    return *loop.current_task();
}

}  // namespace aio::detail
