// Awaiting a FutureCore from a task: the task waits for the future's done
// callback, then the future's outcome is raised or returned.
#pragma once

#include "aio/detail/task_core.hpp"
#include "aio/errors.hpp"

#include <coroutine>

namespace aio::detail {

struct FutureAwaiter {
    FutureCore& fut;
    WaitKind kind = WaitKind::Future;
    std::uint32_t object = 0;
    TaskCore* task = nullptr;

    bool await_ready() const noexcept { return fut.done(); }
    void await_suspend(std::coroutine_handle<> h) {
        task = &running_task();
        task->suspend_on(&fut, h, kind, object);
    }
    void await_resume() {
        if (task) task->throw_if_cancelled_now(fut);
        if (fut.cancelled()) fut.throw_cancelled();
        if (fut.exception_ptr()) std::rethrow_exception(fut.exception_ptr());
    }
};

// Register a synchronisation object for the trace the first time a loop sees it.
std::uint32_t register_object(ObjectKind kind, const std::string& name, std::int64_t capacity);

}  // namespace aio::detail
