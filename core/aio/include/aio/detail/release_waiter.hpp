// asyncio.tasks._release_waiter and _cancel_and_wait, shared by wait_for and wait.
#pragma once

#include "aio/detail/future_awaiter.hpp"
#include "aio/task.hpp"

namespace aio::detail {

// A callback target: completes the waiter future unless it is already done.
inline void release_waiter(void* waiter) {
    auto* f = static_cast<FutureCore*>(waiter);
    if (!f->done()) f->set_done();
}

// Cancel `fut` and wait until it is really done (its cleanup has run). We wait on
// our own future, not on `fut`, so that this wait itself stays cancellable.
template <class T>
Task<void> cancel_and_wait(Task<T> fut) {
    FutureCore waiter;
    Callback cb(&release_waiter, &waiter);
    fut.core()->add_done_callback(&cb);
    fut.cancel();
    co_await FutureAwaiter{waiter, WaitKind::Task, fut.id()};
}
// The same for any future; the caller keeps `fut` alive.
inline Task<void> cancel_and_wait(FutureCore& fut, WaitKind kind, std::uint32_t object) {
    FutureCore waiter;
    Callback cb(&release_waiter, &waiter);
    fut.add_done_callback(&cb);
    fut.cancel();
    co_await FutureAwaiter{waiter, kind, object};
}

}  // namespace aio::detail
