// asyncio.sleep: sleep(0) is a bare yield (one loop iteration); a positive
// delay arms a timer whose node lives in the awaiting frame.
#pragma once

#include "aio/clock.hpp"
#include "aio/detail/task_core.hpp"

#include <chrono>
#include <coroutine>

namespace aio {

class SleepAwaiter {
public:
    explicit SleepAwaiter(std::int64_t delay_ns) noexcept : delay_(delay_ns) {}
    SleepAwaiter(const SleepAwaiter&) = delete;
    // Report this sleep as a wait on something else (a token bucket refilling).
    SleepAwaiter& as(WaitKind kind, std::uint32_t object) noexcept {
        kind_ = kind;
        object_ = object;
        return *this;
    }

    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> h) {
        task_ = &detail::running_task();
        if (delay_ <= 0) {
            task_->yield_now(h);
            return;
        }
        EventLoop& loop = EventLoop::get();
        const std::int64_t when = loop.time_ns() + delay_;
        loop.arm(&timer_, when);
        if (loop.tracing()) [[unlikely]] {
            TraceEvent e;
            e.kind = EventKind::TimerArmed;
            e.task = task_->id;
            e.object = static_cast<std::uint32_t>(timer_.seq);
            e.value = when;
            loop.emit_event(std::move(e));
        }
        if (kind_ == WaitKind::Sleep) object_ = static_cast<std::uint32_t>(timer_.seq);
        task_->suspend_on(&fut_, h, kind_, object_, when);
    }
    void await_resume() {
        if (timer_.armed()) {
            // Woken early (cancelled): asyncio's `finally: h.cancel()`.
            EventLoop& loop = EventLoop::get();
            loop.disarm(&timer_);
            if (loop.tracing()) [[unlikely]] {
                TraceEvent e;
                e.kind = EventKind::TimerCancelled;
                e.task = task_->id;
                e.object = static_cast<std::uint32_t>(timer_.seq);
                loop.emit_event(std::move(e));
            }
        }
        task_->throw_if_cancelled_now();
        if (fut_.cancelled()) throw CancelledError();
    }

private:
    // futures._set_result_unless_cancelled
    static void fire(void* self) { static_cast<SleepAwaiter*>(self)->fut_.set_done(); }

    std::int64_t delay_;
    WaitKind kind_ = WaitKind::Sleep;
    std::uint32_t object_ = 0;
    detail::TaskCore* task_ = nullptr;
    FutureCore fut_;
    TimerNode timer_{&SleepAwaiter::fire, this};
};

inline SleepAwaiter sleep(double seconds) noexcept { return SleepAwaiter(to_ns(seconds)); }
template <class Rep, class Period>
SleepAwaiter sleep(std::chrono::duration<Rep, Period> d) noexcept {
    return SleepAwaiter(std::chrono::duration_cast<std::chrono::nanoseconds>(d).count());
}

}  // namespace aio
