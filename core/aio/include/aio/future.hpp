// asyncio.Future for programs: a result that someone sets later. A Future<T> is a
// shared reference (copy it to hand it to the task that completes it, as Python
// passes the object around); awaiting it suspends until it is done, then returns
// the result or raises what was set.
//
//     aio::Future<int> fut = aio::create_future<int>();
//     aio::create_task(producer(fut));      // producer calls fut.set_result(42)
//     int v = co_await fut;                 // 42
//
// The shared state is one allocation, made by create_future (futures are not on the
// scheduler's hot paths: tasks and awaiters use their own FutureCore in place).
#pragma once

#include "aio/detail/task_core.hpp"
#include "aio/errors.hpp"
#include "aio/future_core.hpp"

#include <coroutine>
#include <exception>
#include <memory>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

namespace aio {

namespace detail {
template <class T>
struct FutureState : FutureCore {
    std::optional<std::conditional_t<std::is_void_v<T>, std::monostate, T>> value;
};
}  // namespace detail

template <class T = void>
class Future {
public:
    using value_type = T;

    // An empty handle; create_future() makes a real one.
    Future() noexcept = default;
    // A handle on a state that keeps more than the value (run_in_executor's).
    explicit Future(std::shared_ptr<detail::FutureState<T>> state) noexcept : s_(std::move(state)) {}

    explicit operator bool() const noexcept { return static_cast<bool>(s_); }
    bool done() const noexcept { return s_->done(); }
    bool cancelled() const noexcept { return s_->cancelled(); }
    // Future.cancel(msg): false if already done.
    bool cancel(std::string_view msg = {}) { return s_->cancel(msg); }

    // Future.set_result / set_exception: InvalidStateError if already done (or cancelled).
    template <class U = T>
        requires(!std::is_void_v<U>)
    void set_result(U&& value) {
        check_pending();
        s_->value.emplace(std::forward<U>(value));
        s_->set_done();
    }
    void set_result()
        requires std::is_void_v<T>
    {
        check_pending();
        s_->value.emplace();
        s_->set_done();
    }
    void set_exception(std::exception_ptr error) {
        check_pending();
        s_->set_error(std::move(error));
    }
    template <class E>
        requires(!std::is_same_v<std::decay_t<E>, std::exception_ptr>)
    void set_exception(E&& error) {
        set_exception(std::make_exception_ptr(std::forward<E>(error)));
    }

    // Future.result(): the value, or the exception rethrown; CancelledError(msg) if
    // cancelled; InvalidStateError if not done yet.
    decltype(auto) result() const {
        if (!s_->done()) throw InvalidStateError("Result is not set.");
        if (s_->cancelled()) s_->throw_cancelled();
        if (s_->exception_ptr()) std::rethrow_exception(s_->exception_ptr());
        if constexpr (!std::is_void_v<T>) return static_cast<const T&>(*s_->value);
    }
    // Future.exception(): the error set (null if a result was set).
    std::exception_ptr exception() const {
        if (!s_->done()) throw InvalidStateError("Exception is not set.");
        if (s_->cancelled()) s_->throw_cancelled();
        return s_->exception_ptr();
    }

    FutureCore* core() const noexcept { return s_.get(); }

    // `await fut`: waits for the future's done callback (Task._fut_waiter is this future,
    // so cancelling the waiting task cancels the future, as in asyncio).
    struct Awaiter {
        Future fut;
        detail::TaskCore* task = nullptr;

        bool await_ready() const noexcept { return fut.done(); }
        void await_suspend(std::coroutine_handle<> h) {
            task = &detail::running_task();
            task->suspend_on(fut.core(), h, WaitKind::Future, 0);
        }
        T await_resume() {
            if (task) task->throw_if_cancelled_now(*fut.core());
            if constexpr (std::is_void_v<T>) {
                fut.result();
            } else {
                return fut.result();
            }
        }
    };
    Awaiter operator co_await() const& noexcept { return Awaiter{*this}; }
    Awaiter operator co_await() && noexcept { return Awaiter{std::move(*this)}; }

private:
    template <class U>
    friend Future<U> create_future();

    void check_pending() const {
        if (s_->done()) throw InvalidStateError("invalid state");
    }
    std::shared_ptr<detail::FutureState<T>> s_;
};

// loop.create_future(): a pending future.
template <class T = void>
Future<T> create_future() {
    Future<T> f;
    f.s_ = std::make_shared<detail::FutureState<T>>();
    return f;
}

}  // namespace aio
