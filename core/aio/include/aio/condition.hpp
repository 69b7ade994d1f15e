// asyncio.Condition (3.11): a lock plus a FIFO line of tasks waiting to be notified.
//
//     aio::Condition cond("stock");                 // asyncio.Condition() (its own Lock)
//     aio::Condition cond(lock, "stock");           // asyncio.Condition(lock)
//     {
//         auto held = co_await aio::async_with(cond);   // async with cond:
//         co_await cond.wait_for([&] { return stock > 0; });
//         --stock;
//     }
//
// wait() releases the lock, waits for notify(), then takes the lock again before it returns,
// even when it was cancelled (CPython re-acquires in a `finally` and re-raises afterwards).
// In the trace the wait for a notify is a wait on the Condition (WaitKind::Condition); the
// lock's acquire and release, and the wait to get it back, are the Lock's own events.
#pragma once

#include "aio/lock.hpp"

#include <exception>
#include <optional>
#include <type_traits>
#include <utility>

namespace aio {

class Condition : public detail::TracedObject {
public:
    // asyncio.Condition(): with a Lock of its own, shown in the trace under the same name.
    explicit Condition(std::string name = {})
        : TracedObject(ObjectKind::Condition, name, 0), own_lock_(std::in_place, std::move(name)),
          lock_(&*own_lock_) {}
    // asyncio.Condition(lock): shares `lock`, which must outlive the condition.
    explicit Condition(Lock& lock, std::string name = {})
        : TracedObject(ObjectKind::Condition, std::move(name), 0), lock_(&lock) {}
    Condition(const Condition&) = delete;
    Condition& operator=(const Condition&) = delete;

    // The lock's locked(), acquire() and release(), as asyncio exports them.
    using AcquireAwaiter = Lock::AcquireAwaiter;
    bool locked() const noexcept { return lock_->locked(); }
    AcquireAwaiter acquire() { return lock_->acquire(); }
    void release() { lock_->release(); }
    Lock& lock() noexcept { return *lock_; }

    // How many tasks are in the line (asyncio's len(cond._waiters)).
    std::size_t waiting() const noexcept { return waiters_.size(); }

    // Wake up to `n` waiting tasks, first come first served, skipping those already
    // woken or cancelled. The caller must hold the lock; the woken ones run once they
    // get it back (notify does not release it).
    void notify(int n = 1) {
        check_locked();
        if (n > 0) wake(static_cast<std::size_t>(n));
    }
    // notify(len(waiters)).
    void notify_all() {
        check_locked();
        wake(waiters_.size());
    }

private:
    // wait() is wait_for() without a predicate: one wait, then true.
    struct NoPredicate {};

public:
    // co_await cond.wait() and co_await cond.wait_for(pred). The whole of CPython's wait()
    // runs in this one awaiter: the wait for a notify, then the loop that re-acquires the
    // lock (each step is a suspension of the awaiting task at the caller's co_await, so the
    // trace points at the caller's line), then, for wait_for, the predicate and the next wait.
    template <class Predicate>
    class WaitAwaiter : detail::TaskCore::ResumeHook {
    public:
        WaitAwaiter(Condition& c, Predicate p) : ResumeHook{&WaitAwaiter::on_wake}, cond_(c), pred_(std::move(p)) {}
        WaitAwaiter(const WaitAwaiter&) = delete;
        WaitAwaiter& operator=(const WaitAwaiter&) = delete;

        bool await_ready() {
            if constexpr (!has_predicate) {
                check_locked();
                return false;
            } else {
                // wait_for: `result = predicate(); while not result: await self.wait()`
                if (pred_()) return true;
                check_locked();
                return false;
            }
        }
        void await_suspend(std::coroutine_handle<> h) {
            task_ = &detail::running_task();
            h_ = h;
            wait_for_notify();
        }
        bool await_resume() {
            if (!task_) return true;  // wait_for whose predicate held at once
            if (reacquire_cancelled_) throw CancelledError();  // asyncio: `raise exceptions.CancelledError`
            if (error_) std::rethrow_exception(error_);
            return true;
        }

    private:
        static constexpr bool has_predicate = !std::is_same_v<Predicate, NoPredicate>;

        void check_locked() const {
            if (!cond_.locked()) throw RuntimeError("cannot wait on un-acquired lock");
        }

        // `self.release()`, then `fut = create_future(); self._waiters.append(fut); await fut`.
        void wait_for_notify() {
            cond_.release();
            notified_.reset();
            cond_.waiters_.push_back(&notified_);
            reacquiring_ = false;
            task_->suspend_on(&notified_, h_, WaitKind::Condition, cond_.object_id());
            task_->set_resume_hook(this);
        }

        // The task's step after a wake-up: decide whether the coroutine resumes now or the
        // task waits again, as CPython's coroutine would within that same step.
        static bool on_wake(detail::TaskCore::ResumeHook* hook) {
            auto* self = static_cast<WaitAwaiter*>(hook);
            // The next suspension, if any, is reported at the same co_await of the caller.
            detail::tl_await_site = self->task_->wait_site();
            return self->reacquiring_ ? self->lock_taken_or_cancelled() : self->notified_or_cancelled();
        }

        // `await fut` returned or raised; `finally: self._waiters.remove(fut)`. A cancellation
        // is kept and re-raised once the lock is ours again (a notify that came with it is lost,
        // as in 3.11).
        bool notified_or_cancelled() {
            cond_.waiters_.remove(&notified_);
            if (task_->cancel_delivered_now() || notified_.cancelled()) error_ = take_cancellation();
            return reacquire();
        }

        // `while True: try: await self.acquire(); break; except CancelledError: cancelled = True`
        bool reacquire() {
            reacquiring_ = true;
            relock_.emplace(*cond_.lock_);
            if (relock_->await_ready()) return acquired();
            relock_->await_suspend(h_);
            task_->set_resume_hook(this);
            return false;
        }
        bool lock_taken_or_cancelled() {
            try {
                relock_->await_resume();
            } catch (const CancelledError&) {
                reacquire_cancelled_ = true;
                return reacquire();
            }
            return acquired();
        }

        // The lock is held again: wait() returns (or raises what it kept). wait_for looks at
        // its predicate and, while it is false, waits once more.
        bool acquired() {
            relock_.reset();
            if constexpr (has_predicate) {
                if (error_ || reacquire_cancelled_) return true;
                bool ready = false;
                try {
                    ready = static_cast<bool>(pred_());
                } catch (...) {
                    error_ = std::current_exception();
                    return true;
                }
                if (!ready) {
                    wait_for_notify();
                    return false;
                }
            }
            return true;
        }

        std::exception_ptr take_cancellation() {
            try {
                task_->throw_if_cancelled_now(notified_);
                notified_.throw_cancelled();
            } catch (...) {
                return std::current_exception();
            }
            return {};
        }

        Condition& cond_;
        [[no_unique_address]] Predicate pred_;
        detail::TaskCore* task_ = nullptr;
        std::coroutine_handle<> h_;
        detail::WaitFuture notified_;
        std::optional<Lock::AcquireAwaiter> relock_;
        std::exception_ptr error_;
        bool reacquiring_ = false;
        bool reacquire_cancelled_ = false;
    };

    // Release the lock, wait for notify(), take the lock again; returns true. Raises
    // RuntimeError("cannot wait on un-acquired lock") if the lock is not held, and
    // CancelledError (after re-acquiring the lock) if the task is cancelled meanwhile.
    WaitAwaiter<NoPredicate> wait() { return WaitAwaiter<NoPredicate>(*this, NoPredicate{}); }
    // `while not predicate(): await wait()`; returns the predicate's last value. The
    // predicate is called with the lock held. (GCC 12: a lambda that captures by value
    // something with a destructor must be named before the co_await, see README.md.)
    template <class Predicate>
        requires std::is_invocable_v<Predicate&>
    WaitAwaiter<Predicate> wait_for(Predicate predicate) {
        return WaitAwaiter<Predicate>(*this, std::move(predicate));
    }

private:
    void check_locked() const {
        if (!locked()) throw RuntimeError("cannot notify on un-acquired lock");
    }
    void wake(std::size_t n) {
        std::size_t woken = 0;
        for (detail::WaitFuture* w = waiters_.front(); w && woken < n; w = waiters_.next(w)) {
            if (!w->done()) {
                ++woken;
                w->set_done();
            }
        }
    }

    std::optional<Lock> own_lock_;
    Lock* lock_;
    detail::WaitList waiters_;
};

}  // namespace aio
