// asyncio.Event: wait() until set(); set() wakes every waiter at once.
#pragma once

#include "aio/detail/traced_object.hpp"
#include "aio/detail/wait_list.hpp"

namespace aio {

class Event : public detail::TracedObject {
public:
    explicit Event(std::string name = {}) : TracedObject(ObjectKind::AsyncioEvent, std::move(name), 0) {}
    // An event inside another primitive (Queue.join's): it shows up in the trace only
    // through its owner, never as an object of its own.
    struct Internal {};
    explicit Event(Internal) : TracedObject(ObjectKind::AsyncioEvent, {}, 0, true) {}

    bool is_set() const noexcept { return value_; }

    void set() {
        if (value_) return;
        value_ = true;
        trace(TraceEventKind::AsyncioEventSet);
        for (detail::WaitFuture* w : waiters_)
            if (!w->done()) w->set_done();
    }
    void clear() {
        if (!value_) return;
        value_ = false;
        trace(TraceEventKind::AsyncioEventClear);
    }

    class WaitAwaiter {
    public:
        WaitAwaiter(Event& e, WaitKind kind, std::uint32_t object) : event_(e), fut_(kind, object) {}
        bool await_ready() const noexcept { return event_.value_; }
        void await_suspend(std::coroutine_handle<> h) {
            detail::TaskCore& task = detail::running_task();
            event_.waiters_.push_back(&fut_);
            fut_.suspended = true;
            task.suspend_on(&fut_, h, fut_.kind, fut_.object ? fut_.object : event_.object_id());
        }
        bool await_resume() {
            event_.waiters_.remove(&fut_);  // asyncio: finally: self._waiters.remove(fut)
            if (fut_.suspended) {
                // Resumed by the step of the task that suspended here: it is the running one.
                detail::running_task().throw_if_cancelled_now(fut_);
                if (fut_.cancelled()) fut_.throw_cancelled();
            }
            return true;
        }

    private:
        Event& event_;
        // Its kind and object are how the wait is reported; its `suspended` says whether a
        // task waits (that task is the running one when it resumes here).
        detail::WaitFuture fut_;
    };

    WaitAwaiter wait() { return WaitAwaiter(*this, WaitKind::AsyncioEvent, 0); }
    // For Queue.join: the same wait, reported as a wait on the queue.
    WaitAwaiter wait_as(WaitKind kind, std::uint32_t object) { return WaitAwaiter(*this, kind, object); }

private:
    bool value_ = false;
    detail::WaitList waiters_;
};

}  // namespace aio
