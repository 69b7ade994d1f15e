// asyncio.wait_for (3.11): on timeout, cancel the inner task or future, wait for its
// cleanup, then raise TimeoutError from its CancelledError (cause()). If the waiting
// task is cancelled, the inner one is cancelled too. No timeout (nullopt, Python's
// None) is a plain await: a coroutine then runs inline, as `await coro` does.
#pragma once

#include "aio/detail/release_waiter.hpp"
#include "aio/future.hpp"

#include <optional>

namespace aio {

namespace detail {

// ensure_future: a coroutine becomes a task, a task or a future stays what it is.
template <class T>
Task<T> ensure_future(Task<T> t) {
    return create_task(std::move(t));
}
template <class T>
Future<T> ensure_future(Future<T> f) {
    return f;
}
template <class T>
WaitKind wait_kind_of(const Task<T>&) noexcept {
    return WaitKind::Task;
}
template <class T>
WaitKind wait_kind_of(const Future<T>&) noexcept {
    return WaitKind::Future;
}
template <class T>
std::uint32_t wait_object_of(const Task<T>& t) noexcept {
    return t.id();
}
template <class T>
std::uint32_t wait_object_of(const Future<T>&) noexcept {
    return 0;
}

template <class A>
inline constexpr bool is_future_like = false;
template <class T>
inline constexpr bool is_future_like<Task<T>> = true;
template <class T>
inline constexpr bool is_future_like<Future<T>> = true;

}  // namespace detail

// `awaitable` is a Task<T> (a coroutine not started yet, or a running task) or a Future<T>.
template <class A>
    requires detail::is_future_like<A>
Task<typename A::value_type> wait_for(A awaitable, std::optional<double> timeout_s) {
    using namespace detail;
    if (!timeout_s) co_return co_await std::move(awaitable);
    const double timeout = *timeout_s;
    EventLoop& loop = EventLoop::get();
    if (timeout <= 0) {
        A fut = ensure_future(std::move(awaitable));
        if (fut.done()) co_return fut.result();
        co_await cancel_and_wait(*fut.core(), wait_kind_of(fut), wait_object_of(fut));
        try {
            co_return fut.result();
        } catch (const CancelledError&) {
            throw TimeoutError(std::current_exception());  // raise TimeoutError() from exc
        }
    }

    FutureCore waiter;
    // Armed before the inner task exists, as in asyncio: on a tie the timeout wins.
    TimerNode timeout_handle(&release_waiter, &waiter);
    loop.arm(&timeout_handle, loop.time_ns() + to_ns(timeout));
    Callback cb(&release_waiter, &waiter);
    A fut = ensure_future(std::move(awaitable));
    fut.core()->add_done_callback(&cb);

    std::exception_ptr we_were_cancelled;
    try {
        co_await FutureAwaiter{waiter, wait_kind_of(fut), wait_object_of(fut)};
    } catch (const CancelledError&) {
        we_were_cancelled = std::current_exception();
    }
    if (fut.done()) co_return fut.result();
    fut.core()->remove_done_callback(&cb);
    co_await cancel_and_wait(*fut.core(), wait_kind_of(fut), wait_object_of(fut));
    if (we_were_cancelled) std::rethrow_exception(we_were_cancelled);  // `raise`, with its message
    try {
        co_return fut.result();  // the inner task may have finished during its cancellation
    } catch (const CancelledError&) {
        throw TimeoutError(std::current_exception());
    }
}

}  // namespace aio
