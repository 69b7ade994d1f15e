// asyncio.timeout / timeout_at (3.11): a scope that cancels the current task when its
// deadline passes and turns that cancellation into TimeoutError at its end (raised
// from the CancelledError: see TimeoutError::cause()).
//
//     co_await aio::timeout(0.5, [&](aio::Timeout& cm) -> aio::Task<> { body });
//
// For the object to outlive its block (Python's `async with asyncio.timeout(d) as cm:`
// then `cm.expired()` afterwards), make it first and enter it with async_with:
//
//     aio::Timeout cm = aio::timeout(0.5);
//     co_await aio::async_with(cm, [&](aio::Timeout& cm) -> aio::Task<> { body });
//     if (cm.expired()) ...
#pragma once

#include "aio/detail/future_awaiter.hpp"
#include "aio/task.hpp"

#include <optional>
#include <type_traits>

namespace aio {

class Timeout {
public:
    explicit Timeout(std::optional<std::int64_t> when_ns) : when_(when_ns) {}
    // (not movable: the loop's timer points at it once entered)
    Timeout(const Timeout&) = delete;
    Timeout& operator=(const Timeout&) = delete;

    // The deadline in loop seconds, or nullopt for none.
    std::optional<double> when() const {
        if (!when_) return std::nullopt;
        return static_cast<double>(*when_) / 1e9;
    }
    // Did the deadline pass while the block ran? (Stays true after the block.)
    bool expired() const noexcept { return state_ == State::Expiring || state_ == State::Expired; }

    // Move the deadline (absolute loop time, like asyncio); nullopt: no deadline.
    // Only inside the block; RuntimeError otherwise, as in Python.
    void reschedule(std::optional<double> when) {
        if (state_ != State::Entered)
            throw RuntimeError(std::string("Cannot change state of ") + state_name() + " Timeout");
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
        // asyncio 3.11.7: a Timeout is entered once (a second `async with` raises, and the
        // scope it is already in goes on undisturbed).
        if (state_ != State::Created) throw RuntimeError("Timeout has already been entered");
        state_ = State::Entered;
        task_ = &detail::running_task();
        cancelling_ = task_->cancelling();
        reschedule(when());
    }
    // Throws TimeoutError when our own cancellation reached the end of the scope.
    void exit(bool body_cancelled) {
        exit(body_cancelled ? std::make_exception_ptr(CancelledError()) : std::exception_ptr());
    }
    // `body_cancel` is the CancelledError that ended the body (null if none); the
    // TimeoutError is raised from it.
    void exit(std::exception_ptr body_cancel) {
        EventLoop& loop = EventLoop::get();
        loop.disarm(&timer_);
        loop.unqueue(&soon_);
        if (state_ == State::Expiring) {
            state_ = State::Expired;
            if (task_->uncancel() <= cancelling_ && body_cancel) throw TimeoutError(std::move(body_cancel));
        } else if (state_ == State::Entered) {
            state_ = State::Exited;
        }
    }

private:
    enum class State { Created, Entered, Expiring, Expired, Exited };
    const char* state_name() const noexcept {
        switch (state_) {
            case State::Created: return "created";
            case State::Entered: return "active";
            case State::Expiring: return "expiring";
            case State::Expired: return "expired";
            case State::Exited: return "finished";
        }
        return "";
    }
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

namespace detail {
inline std::optional<std::int64_t> deadline_after(std::optional<double> delay) {
    if (!delay) return std::nullopt;
    return EventLoop::get().time_ns() + to_ns(*delay);
}
inline std::optional<std::int64_t> deadline_at(std::optional<double> when) {
    if (!when) return std::nullopt;
    return to_ns(*when);
}

// `async with cm: body`. `outer` is a Timeout made by the caller, or null: then the scope
// makes its own from `when` in this frame (one coroutine frame either way).
template <class F>
auto timeout_scope(Timeout* outer, std::optional<std::int64_t> when, F body) -> std::invoke_result_t<F&, Timeout&> {
    using TaskT = std::invoke_result_t<F&, Timeout&>;
    using T = typename TaskT::value_type;
    std::optional<Timeout> own;
    Timeout& cm = outer ? *outer : own.emplace(when);
    cm.enter();
    std::exception_ptr cancelled;
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
        cancelled = std::current_exception();
    } catch (...) {
        error = std::current_exception();
    }
    cm.exit(cancelled);
    if (cancelled) std::rethrow_exception(cancelled);
    if (error) std::rethrow_exception(error);
    if constexpr (!std::is_void_v<T>) co_return std::move(*value);
}
}  // namespace detail

// `async with asyncio.timeout(delay) as cm: body` ==
// `co_await aio::timeout(delay, [&](aio::Timeout& cm) -> aio::Task<T> { body })`.
// A delay of nullopt (Python's None) means no deadline (reschedule() may set one).
template <class F>
auto timeout(std::optional<double> delay, F body) -> std::invoke_result_t<F&, Timeout&> {
    return detail::timeout_scope(nullptr, detail::deadline_after(delay), std::move(body));
}
// asyncio.timeout_at(when): the deadline is an absolute loop time.
template <class F>
auto timeout_at(std::optional<double> when, F body) -> std::invoke_result_t<F&, Timeout&> {
    return detail::timeout_scope(nullptr, detail::deadline_at(when), std::move(body));
}

// asyncio.timeout(delay) / timeout_at(when) as objects, to enter with async_with and
// keep after the block.
inline Timeout timeout(std::optional<double> delay) { return Timeout(detail::deadline_after(delay)); }
inline Timeout timeout_at(std::optional<double> when) { return Timeout(detail::deadline_at(when)); }

// `async with cm: body` for a Timeout made beforehand; `cm` must outlive the awaiting.
template <class F>
auto async_with(Timeout& cm, F body) -> std::invoke_result_t<F&, Timeout&> {
    return detail::timeout_scope(&cm, std::nullopt, std::move(body));
}

}  // namespace aio
