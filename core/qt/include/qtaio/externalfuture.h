// ExternalFuture: an aio future that the Qt side completes (a reply finished, a
// thread delivered its result). The base of the awaiters over Qt objects.
//
// While a task waits on it, the loop counts it as external work (a quiet loop is
// waiting, not deadlocked). Completing it kicks the driver so the waiting task
// runs soon; cancelling it (Task.cancel() of the waiting task) first lets the
// subclass stop its source, e.g. abort the network reply.
#pragma once

#include "aio/detail/task_core.hpp"
#include "aio/event_loop.hpp"
#include "aio/future_core.hpp"
#include "aio/trace_event.hpp"

#include <coroutine>
#include <string>

namespace qtaio {

class ExternalFuture : public aio::CustomFuture {
public:
    ExternalFuture() = default;
    ~ExternalFuture() override;

    // What cancel() does here: stops the source (abortSource), then cancels the
    // future and kicks the driver.
    bool cancel_custom() override;

protected:
    // In await_suspend: the running task waits on this future, reported in the
    // trace as a wait of `kind` on a new object named `what`. Returns the task.
    // Throws aio::RuntimeError when no QtDriver runs this thread's loop (nothing
    // would ever deliver the Qt signal otherwise).
    aio::detail::TaskCore* suspendTask(std::coroutine_handle<> h, aio::WaitKind kind, const std::string& what);
    // From the Qt slot: the outside work is finished; the awaiter reads its result.
    void complete();
    // In await_resume: raise a cancellation delivered to `task` (null: never suspended).
    void throwIfCancelled(aio::detail::TaskCore* task) const;

    // Called by cancel() while the future is still pending. Disconnect from the
    // source FIRST (an abort may emit its signals synchronously), then stop it.
    virtual void abortSource() {}

private:
    void uncount() noexcept;

    aio::EventLoop* m_loop = nullptr;
    bool m_counted = false;
};

}  // namespace qtaio
