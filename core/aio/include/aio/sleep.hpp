// asyncio.sleep: sleep(0) is a bare yield (one loop iteration); a positive
// delay arms a timer whose node lives in the awaiting frame.
#pragma once

#include "aio/clock.hpp"
#include "aio/detail/task_core.hpp"

#include <chrono>
#include <coroutine>
#include <new>
#include <type_traits>
#include <utility>

namespace aio {

class SleepAwaiter {
public:
    explicit SleepAwaiter(std::int64_t delay_ns) noexcept : delay_(delay_ns) {}
    SleepAwaiter(const SleepAwaiter&) = delete;
    ~SleepAwaiter() {
        if (timed_) timed().~Timed();
    }
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
        Timed& t = *::new (static_cast<void*>(storage_)) Timed(this);
        timed_ = true;
        EventLoop& loop = EventLoop::get();
        const std::int64_t when = loop.time_ns() + delay_;
        loop.arm(&t.timer, when);
        if (loop.tracing()) [[unlikely]] {
            TraceEvent e;
            e.kind = TraceEventKind::TimerArmed;
            e.task = task_->id;
            e.object = static_cast<std::uint32_t>(t.timer.seq);
            e.value = when;
            loop.emit_trace_event(std::move(e));
        }
        if (kind_ == WaitKind::Sleep) object_ = static_cast<std::uint32_t>(t.timer.seq);
        task_->suspend_on(&t.fut, h, kind_, object_, when);
    }
    void await_resume() {
        if (!timed_) {
            task_->throw_if_cancelled_now();  // a yield: only a cancellation can come back
            return;
        }
        Timed& t = timed();
        if (t.timer.armed()) {
            // Woken early (cancelled): asyncio's `finally: h.cancel()`.
            EventLoop& loop = EventLoop::get();
            loop.disarm(&t.timer);
            if (loop.tracing()) [[unlikely]] {
                TraceEvent e;
                e.kind = TraceEventKind::TimerCancelled;
                e.task = task_->id;
                e.object = static_cast<std::uint32_t>(t.timer.seq);
                loop.emit_trace_event(std::move(e));
            }
        }
        task_->throw_if_cancelled_now(t.fut);
        if (t.fut.cancelled()) t.fut.throw_cancelled();
    }

private:
    // The future the task waits on and the timer that completes it: made only for a
    // positive delay, so that a yield (sleep(0)) touches none of it.
    struct Timed {
        explicit Timed(SleepAwaiter* owner) : timer(&SleepAwaiter::fire, owner) {}
        FutureCore fut;
        TimerNode timer;
    };
    Timed& timed() noexcept { return *std::launder(reinterpret_cast<Timed*>(storage_)); }
    // futures._set_result_unless_cancelled
    static void fire(void* self) { static_cast<SleepAwaiter*>(self)->timed().fut.set_done(); }

    std::int64_t delay_;
    detail::TaskCore* task_ = nullptr;
    std::uint32_t object_ = 0;
    WaitKind kind_ = WaitKind::Sleep;
    bool timed_ = false;
    alignas(Timed) unsigned char storage_[sizeof(Timed)];
};

// sleep(delay, result): the awaited value is `result` (asyncio.sleep(delay, result)).
template <class T>
class SleepResultAwaiter : public SleepAwaiter {
public:
    SleepResultAwaiter(std::int64_t delay_ns, T result) : SleepAwaiter(delay_ns), result_(std::move(result)) {}
    T await_resume() {
        SleepAwaiter::await_resume();
        return std::move(result_);
    }

private:
    T result_;
};

// (sleep(0), the common yield, skips the conversion to nanoseconds)
inline SleepAwaiter sleep(double seconds) noexcept { return SleepAwaiter(seconds <= 0.0 ? 0 : to_ns(seconds)); }
template <class Rep, class Period>
SleepAwaiter sleep(std::chrono::duration<Rep, Period> d) noexcept {
    return SleepAwaiter(std::chrono::duration_cast<std::chrono::nanoseconds>(d).count());
}
template <class T>
SleepResultAwaiter<std::decay_t<T>> sleep(double seconds, T&& result) {
    return SleepResultAwaiter<std::decay_t<T>>(seconds <= 0.0 ? 0 : to_ns(seconds), std::forward<T>(result));
}
template <class Rep, class Period, class T>
SleepResultAwaiter<std::decay_t<T>> sleep(std::chrono::duration<Rep, Period> d, T&& result) {
    return SleepResultAwaiter<std::decay_t<T>>(std::chrono::duration_cast<std::chrono::nanoseconds>(d).count(),
                                               std::forward<T>(result));
}

}  // namespace aio
