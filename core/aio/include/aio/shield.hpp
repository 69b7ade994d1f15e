// asyncio.shield: cancelling the waiter does not cancel the inner task.
#pragma once

#include "aio/detail/future_awaiter.hpp"
#include "aio/task.hpp"

namespace aio {

template <class T>
class [[nodiscard]] Shield final : public FutureCore {
public:
    explicit Shield(Task<T> inner) : inner_(create_task(std::move(inner))) {
        // asyncio's _inner_done_callback stays on the inner task even when the outer future is
        // gone, and reads inner.exception() either way: the inner error counts as retrieved.
        inner_.core()->mark_retrieved();
        if (inner_.done()) {
            // asyncio.shield returns a finished inner task itself: awaiting it raises the
            // task's own CancelledError (with its message), not the outer future's.
            shortcut_ = true;
            copy_outcome();
        } else {
            inner_.core()->add_done_callback(&inner_cb_);
        }
    }
    Shield(const Shield&) = delete;

    bool await_ready() const noexcept { return done(); }
    void await_suspend(std::coroutine_handle<> h) {
        task_ = &detail::running_task();
        task_->suspend_on(this, h, WaitKind::Shield, inner_.id());
    }
    T await_resume() {
        if (shortcut_) return inner_.result();
        if (task_) task_->throw_if_cancelled_now(*this);
        if (cancelled()) throw_cancelled();
        if (exception_ptr()) std::rethrow_exception(exception_ptr());
        if constexpr (!std::is_void_v<T>) return inner_.result();
    }

private:
    static void on_inner_done(void* self) {
        auto* s = static_cast<Shield*>(self);
        if (s->cancelled()) return;  // the waiter went away; the inner result is dropped
        s->copy_outcome();
    }
    void copy_outcome() {
        if (inner_.cancelled()) FutureCore::cancel();
        else if (auto e = inner_.promise().exception_ptr()) set_error(e);
        else set_done();
    }

    Task<T> inner_;
    Callback inner_cb_{&Shield::on_inner_done, this};
    detail::TaskCore* task_ = nullptr;
    bool shortcut_ = false;
};

template <class T>
Shield<T> shield(Task<T> inner) {
    return Shield<T>(std::move(inner));
}

}  // namespace aio
