// asyncio.Semaphore and BoundedSemaphore (3.11): FIFO, no barging; a woken
// waiter that is cancelled before it runs gives its permit to the next one.
#pragma once

#include "aio/detail/traced_object.hpp"
#include "aio/detail/wait_list.hpp"

namespace aio {

class Semaphore : public detail::TracedObject {
public:
    explicit Semaphore(int value = 1, std::string name = {})
        : Semaphore(value, std::move(name), ObjectKind::Semaphore) {}

    int value() const noexcept { return value_; }
    // True if acquire() would wait: no permit, or someone (not cancelled) is in line.
    bool locked() const {
        if (value_ == 0) return true;
        for (detail::WaitFuture* w = waiters_.front(); w; w = waiters_.next(w))
            if (!w->cancelled()) return true;  // stops at the first live waiter: O(1) in practice
        return false;
    }

    virtual void release() {
        ++value_;
        trace(TraceEventKind::SemRelease, value_);
        wake_up_next();
    }

    class AcquireAwaiter {
    public:
        explicit AcquireAwaiter(Semaphore& s) : sem_(s) {}
        bool await_ready() {
            if (!sem_.locked()) {
                --sem_.value_;
                sem_.trace(TraceEventKind::SemAcquire, sem_.value_);
                return true;
            }
            return false;
        }
        void await_suspend(std::coroutine_handle<> h) {
            task_ = &detail::running_task();
            sem_.waiters_.push_back(&fut_);
            task_->suspend_on(&fut_, h, WaitKind::Semaphore, sem_.object_id());
        }
        bool await_resume() {
            if (!task_) return true;
            sem_.waiters_.remove(&fut_);
            if (task_->cancel_delivered_now() || fut_.cancelled()) {
                if (!fut_.cancelled()) {
                    // We were given a permit but will not use it.
                    ++sem_.value_;
                    sem_.wake_up_next();
                }
                task_->throw_if_cancelled_now(fut_);
                fut_.throw_cancelled();
            }
            sem_.trace(TraceEventKind::SemAcquire, sem_.value_);
            if (sem_.value_ > 0) sem_.wake_up_next();
            return true;
        }

    private:
        Semaphore& sem_;
        detail::TaskCore* task_ = nullptr;
        detail::WaitFuture fut_;
    };

    AcquireAwaiter acquire() { return AcquireAwaiter(*this); }
    virtual ~Semaphore() = default;

protected:
    Semaphore(int value, std::string name, ObjectKind kind) : TracedObject(kind, std::move(name), value), value_(value) {
        if (value < 0) throw ValueError("Semaphore initial value must be >= 0");
    }

    // The permit is taken here, on behalf of the woken waiter.
    void wake_up_next() {
        for (detail::WaitFuture* w = waiters_.front(); w; w = waiters_.next(w)) {
            if (!w->done()) {
                --value_;
                w->set_done();
                return;
            }
        }
    }

    int value_;
    detail::WaitList waiters_;
};

class BoundedSemaphore : public Semaphore {
public:
    explicit BoundedSemaphore(int value = 1, std::string name = {})
        : Semaphore(value, std::move(name), ObjectKind::BoundedSemaphore), bound_(value) {}

    void release() override {
        if (value_ >= bound_) throw ValueError("BoundedSemaphore released too many times");
        Semaphore::release();
    }

private:
    int bound_;
};

}  // namespace aio
