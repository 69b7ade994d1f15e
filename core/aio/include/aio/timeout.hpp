// asyncio.timeout (3.11): a scope that cancels the current task when its
// deadline passes and turns that cancellation into TimeoutError at its end.
#pragma once

#include "aio/detail/future_awaiter.hpp"
#include "aio/task.hpp"

#include <optional>
#include <type_traits>

namespace aio {

class Timeout {
public:
    explicit Timeout(std::optional<std::int64_t> when_ns) : when_(when_ns) {}
    Timeout(const Timeout&) = delete;

    // The deadline in loop seconds, or nullopt for none.
    std::optional<double> when() const {
        if (!when_) return std::nullopt;
        return static_cast<double>(*when_) / 1e9;
    }
    bool expired() const noexcept { return state_ == State::Expiring || state_ == State::Expired; }

    // Move the deadline (absolute loop time, like asyncio); nullopt: no deadline.
    void reschedule(std::optional<double> when) {
        if (state_ != State::Entered) throw RuntimeError("Cannot change state of a Timeout that is not entered");
        EventLoop& loop = EventLoop::get();
        loop.disarm(&timer_);
        loop.unqueue(&soon_);
        if (!when) {
            when_.reset();
            return;
        }
        when_ = to_ns(*when);
        if (*when_ <= loop.time_ns()) loop.call_soon(&soon_);
        else loop.arm(&timer_, *when_);
    }

    // __aenter__ / __aexit__.
    void enter() {
        state_ = State::Entered;
        task_ = &detail::running_task();
        cancelling_ = task_->cancelling();
        reschedule(when());
    }
    // Throws TimeoutError when our own cancellation reached the end of the scope.
    void exit(bool body_cancelled) {
        EventLoop& loop = EventLoop::get();
        loop.disarm(&timer_);
        loop.unqueue(&soon_);
        if (state_ == State::Expiring) {
            state_ = State::Expired;
            if (task_->uncancel() <= cancelling_ && body_cancelled) throw TimeoutError();
        } else if (state_ == State::Entered) {
            state_ = State::Exited;
        }
    }

private:
    enum class State { Created, Entered, Expiring, Expired, Exited };
    static void on_timeout(void* self) {
        auto* t = static_cast<Timeout*>(self);
        t->task_->cancel();
        t->state_ = State::Expiring;
    }

    std::optional<std::int64_t> when_;
    State state_ = State::Created;
    detail::TaskCore* task_ = nullptr;
    int cancelling_ = 0;
    TimerNode timer_{&Timeout::on_timeout, this};
    Handle soon_{&Timeout::on_timeout, this};
};

// `async with asyncio.timeout(delay) as cm: body` ==
// `co_await aio::timeout(delay, [&](aio::Timeout& cm) -> aio::Task<T> { body })`.
template <class F>
auto timeout(double delay, F body) -> std::invoke_result_t<F&, Timeout&> {
    using TaskT = std::invoke_result_t<F&, Timeout&>;
    using T = typename TaskT::value_type;
    Timeout cm(EventLoop::get().time_ns() + to_ns(delay));
    cm.enter();
    bool cancelled = false;
    std::exception_ptr error;
    std::optional<result_t<T>> value;
    try {
        if constexpr (std::is_void_v<T>) {
            co_await body(cm);
            value.emplace();
        } else {
            value.emplace(co_await body(cm));
        }
    } catch (const CancelledError&) {
        cancelled = true;
    } catch (...) {
        error = std::current_exception();
    }
    cm.exit(cancelled);
    if (cancelled) throw CancelledError();
    if (error) std::rethrow_exception(error);
    if constexpr (!std::is_void_v<T>) co_return std::move(*value);
}

}  // namespace aio
