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

namespace aio::detail {

// Where the co_await being evaluated is, captured by the promise's await_transform.
inline thread_local std::source_location tl_await_site{};

class TaskCore : public FutureCore {
public:
    TaskCore() = default;
    ~TaskCore() override;

    // Task.cancel(): a request, delivered as CancelledError at the current await.
    bool cancel() override;
    int cancelling() const noexcept { return cancels_requested_; }
    int uncancel() noexcept {
        if (cancels_requested_ > 0) --cancels_requested_;
        return cancels_requested_;
    }

    // Scheduling as a task (create_task). The loop keeps a reference until it is done.
    void start_as_task(EventLoop& loop, std::string name, const std::source_location& where);
    bool is_task() const noexcept { return is_task_; }
    bool started() const noexcept { return started_; }

    // Called by awaiters in await_suspend: the task waits for `fut` (asyncio: the
    // coroutine yields a future and the task adds its __wakeup as done callback).
    void suspend_on(FutureCore* fut, std::coroutine_handle<> h, WaitKind kind, std::uint32_t object,
                    std::int64_t value = 0);
    // A bare yield (sleep(0)): the step is scheduled again for the next iteration.
    void yield_now(std::coroutine_handle<> h);
    // In await_resume: a cancellation delivered with this step is raised here.
    void throw_if_cancelled_now() {
        if (deliver_cancel_) [[unlikely]] {
            deliver_cancel_ = false;
            throw CancelledError();
        }
    }
    bool cancel_delivered_now() const noexcept { return deliver_cancel_; }
    // Queue.get/put re-check their condition when woken, before the coroutine
    // resumes; the hook returns false when it suspended the task again.
    using ResumeHook = bool (*)(void* ctx);
    void set_resume_hook(ResumeHook hook, void* ctx) noexcept {
        hook_ = hook;
        hook_ctx_ = ctx;
    }

    // Frame ownership: the loop (while the task runs) and every Task<T> handle.
    void add_ref() noexcept { ++refs_; }
    void release() noexcept;
    // A task that can never finish: forget it as cancelled and drop the loop's
    // reference, so its frame (and every awaiter in it) is destroyed.
    void abandon() noexcept;

    // Inline use (awaited as a coroutine, not scheduled).
    bool consumed = false;
    std::coroutine_handle<> continuation;

    std::uint32_t id = 0;
    std::uint32_t parent = 0;
    std::string name;

    // What the task waits on, for the deadlock report and the trace.
    WaitKind wait_kind = WaitKind::None;
    std::uint32_t wait_object = 0;
    std::source_location wait_site{};

    // The loop's list of unfinished tasks, in creation order.
    TaskCore* prev_task = nullptr;
    TaskCore* next_task = nullptr;
    bool registered = false;  // in that list (a finished task's handle may outlive its loop)

    std::coroutine_handle<> frame;         // this promise's own frame
    std::coroutine_handle<> resume_point;  // innermost suspended frame of this task
    std::source_location created_at{};

protected:
    // From the promise: the root coroutine of a task finished.
    void finish_task(bool threw_cancelled) noexcept;
    virtual std::string result_text() const { return {}; }

private:
    static void step_thunk(void* self) { static_cast<TaskCore*>(self)->step(); }
    void step();

    EventLoop* loop_ = nullptr;
    FutureCore* fut_waiter_ = nullptr;
    Handle step_handle_{&TaskCore::step_thunk, this};
    Callback wakeup_{&TaskCore::step_thunk, this};
    ResumeHook hook_ = nullptr;
    void* hook_ctx_ = nullptr;
    std::uint32_t refs_ = 0;
    int cancels_requested_ = 0;
    bool is_task_ = false;
    bool started_ = false;
    bool must_cancel_ = false;
    bool deliver_cancel_ = false;

    friend class aio::EventLoop;
    friend bool is_task_wakeup(const Callback* cb) noexcept;
};

// True when `cb` is a task's wakeup (used to emit Woken events).
bool is_task_wakeup(const Callback* cb) noexcept;
TaskCore* task_of_wakeup(const Callback* cb) noexcept;

// The task that is running now; throws RuntimeError outside of a task.
TaskCore& running_task();

}  // namespace aio::detail
