// asyncio.Lock (3.11): FIFO, no barging; a cancelled waiter passes its turn on.
#pragma once

#include "aio/detail/traced_object.hpp"
#include "aio/detail/wait_list.hpp"

namespace aio {

class Lock : public detail::TracedObject {
public:
    explicit Lock(std::string name = {}) : TracedObject(ObjectKind::Lock, std::move(name), 1) {}
    // A lock inside another primitive (a token bucket's line): not an object of its own in the trace.
    struct Internal {};
    explicit Lock(Internal) : TracedObject(ObjectKind::Lock, {}, 1, true) {}

    bool locked() const noexcept { return locked_; }

    void release() {
        if (!locked_) throw RuntimeError("Lock is not acquired.");
        locked_ = false;
        trace(TraceEventKind::LockRelease);
        wake_up_first();
    }

    class AcquireAwaiter {
    public:
        explicit AcquireAwaiter(Lock& l) : lock_(l) {}
        // Report the wait as a wait on something else (the line of a token bucket).
        AcquireAwaiter& as(WaitKind kind, std::uint32_t object) noexcept {
            kind_ = kind;
            object_ = object;
            return *this;
        }
        bool await_ready() {
            if (!lock_.locked_ && lock_.all_waiters_cancelled()) {
                lock_.take();
                return true;
            }
            return false;
        }
        void await_suspend(std::coroutine_handle<> h) {
            task_ = &detail::running_task();
            lock_.waiters_.push_back(&fut_);
            task_->suspend_on(&fut_, h, kind_, object_ ? object_ : lock_.object_id());
        }
        bool await_resume() {
            if (!task_) return true;
            lock_.waiters_.remove(&fut_);
            if (task_->cancel_delivered_now() || fut_.cancelled()) {
                // Woken but cancelled before running: hand the turn to the next one.
                if (!lock_.locked_) lock_.wake_up_first();
                task_->throw_if_cancelled_now(fut_);
                fut_.throw_cancelled();
            }
            lock_.take();
            return true;
        }

    private:
        Lock& lock_;
        WaitKind kind_ = WaitKind::Lock;
        std::uint32_t object_ = 0;
        detail::TaskCore* task_ = nullptr;
        detail::WaitFuture fut_;
    };

    AcquireAwaiter acquire() { return AcquireAwaiter(*this); }

private:
    void take() {
        locked_ = true;
        trace(TraceEventKind::LockAcquire);
    }
    bool all_waiters_cancelled() const {
        for (detail::WaitFuture* w = waiters_.front(); w; w = waiters_.next(w))
            if (!w->cancelled()) return false;  // stops at the first live waiter
        return true;
    }
    void wake_up_first() {
        detail::WaitFuture* first = waiters_.front();
        if (first && !first->done()) first->set_done();
    }

    bool locked_ = false;
    detail::WaitList waiters_;
};

}  // namespace aio
