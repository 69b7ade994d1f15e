// asyncio.Event: wait() until set(); set() wakes every waiter at once.
#pragma once

#include "aio/detail/traced_object.hpp"
#include "aio/detail/wait_list.hpp"

namespace aio {

class Event : public detail::TracedObject {
public:
    explicit Event(std::string name = {}) : TracedObject(WaitKind::Event, std::move(name), 0) {}
    // An event inside another primitive (Queue.join's): it shows up in the trace only
    // through its owner, never as an object of its own.
    struct Internal {};
    explicit Event(Internal) : TracedObject(WaitKind::Event, {}, 0, true) {}

    bool is_set() const noexcept { return value_; }

    void set() {
        if (value_) return;
        value_ = true;
        trace(EventKind::EventSet);
        waiters_.for_each([](detail::WaitFuture* w) {
            if (!w->done()) w->set_done();
        });
    }
    void clear() {
        if (!value_) return;
        value_ = false;
        trace(EventKind::EventClear);
    }

    class WaitAwaiter {
    public:
        WaitAwaiter(Event& e, WaitKind kind, std::uint32_t object) : event_(e), kind_(kind), object_(object) {}
        bool await_ready() const noexcept { return event_.value_; }
        void await_suspend(std::coroutine_handle<> h) {
            task_ = &detail::running_task();
            event_.waiters_.push_back(&fut_);
            task_->suspend_on(&fut_, h, kind_, object_ ? object_ : event_.object_id());
        }
        bool await_resume() {
            event_.waiters_.remove(&fut_);  // asyncio: finally: self._waiters.remove(fut)
            if (task_) {
                task_->throw_if_cancelled_now();
                if (fut_.cancelled()) throw CancelledError();
            }
            return true;
        }

    private:
        Event& event_;
        WaitKind kind_;
        std::uint32_t object_;
        detail::TaskCore* task_ = nullptr;
        detail::WaitFuture fut_;
    };

    WaitAwaiter wait() { return WaitAwaiter(*this, WaitKind::Event, 0); }
    // For Queue.join: the same wait, reported as a wait on the queue.
    WaitAwaiter wait_as(WaitKind kind, std::uint32_t object) { return WaitAwaiter(*this, kind, object); }

private:
    bool value_ = false;
    detail::WaitList waiters_;
};

}  // namespace aio
