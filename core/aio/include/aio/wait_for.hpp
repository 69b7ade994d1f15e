// asyncio.wait_for (3.11): on timeout, cancel the inner task, wait for its
// cleanup, then raise TimeoutError. If the waiting task is cancelled, the inner
// task is cancelled too.
#pragma once

#include "aio/detail/release_waiter.hpp"

namespace aio {

template <class T>
Task<T> wait_for(Task<T> awaitable, double timeout) {
    EventLoop& loop = EventLoop::get();
    if (timeout <= 0) {
        Task<T> fut = create_task(std::move(awaitable));
        if (!fut.done()) {
            co_await detail::cancel_and_wait(fut);
            if (fut.cancelled()) throw TimeoutError();
        }
        co_return fut.result();
    }

    FutureCore waiter;
    // Armed before the inner task exists, as in asyncio: on a tie the timeout wins.
    TimerNode timeout_handle(&detail::release_waiter, &waiter);
    loop.arm(&timeout_handle, loop.time_ns() + to_ns(timeout));
    Callback cb(&detail::release_waiter, &waiter);
    Task<T> fut = create_task(std::move(awaitable));
    fut.core()->add_done_callback(&cb);

    bool we_were_cancelled = false;
    try {
        co_await detail::FutureAwaiter{waiter, WaitKind::Task, fut.id()};
    } catch (const CancelledError&) {
        we_were_cancelled = true;
    }
    if (fut.done()) co_return fut.result();
    fut.core()->remove_done_callback(&cb);
    co_await detail::cancel_and_wait(fut);
    if (we_were_cancelled) throw CancelledError();
    if (fut.cancelled()) throw TimeoutError();
    co_return fut.result();  // the inner task finished during its cancellation
}

}  // namespace aio
