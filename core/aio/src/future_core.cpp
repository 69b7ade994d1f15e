#include "aio/future_core.hpp"

#include "aio/detail/task_core.hpp"
#include "aio/gather.hpp"
#include "aio/event_loop.hpp"

#include <string>
#include <utility>

namespace aio {

void Handle::unqueue_from_loop() noexcept {
    if (auto* loop = EventLoop::current()) loop->unqueue(this);
}

void TimerNode::disarm_in_loop() noexcept {
    if (auto* loop = EventLoop::current()) loop->disarm(this);
}

void Callback::remove_from_future() noexcept { registered_in->remove_done_callback(this); }

void FutureCore::forget_callbacks() noexcept {
    // Waiters still registered here simply forget us.
    while (Callback* cb = callbacks_.pop_front()) cb->registered_in = nullptr;
}

bool FutureCore::set_done() {
    if (state_ != State::Pending) return false;
    state_ = State::Done;
    schedule_callbacks();
    return true;
}

bool FutureCore::set_error(std::exception_ptr error) {
    if (state_ != State::Pending) return false;
    state_ = State::Done;
    error_ = std::move(error);
    schedule_callbacks();
    return true;
}

bool FutureCore::cancel(std::string_view msg) {
    switch (kind_) {
        case Kind::Task: return static_cast<detail::TaskCore*>(this)->cancel(msg);
        case Kind::Gather: return static_cast<detail::GatherCore*>(this)->cancel(msg);
        case Kind::Custom: {
            const bool ok = static_cast<CustomFuture*>(this)->cancel_custom();
            // (the virtual predates messages: attach it afterwards)
            if (ok && !msg.empty() && cancelled() && !error_)
                error_ = std::make_exception_ptr(CancelledError(std::string(msg)));
            return ok;
        }
        case Kind::Plain: break;
    }
    return cancel_future(msg);
}

bool FutureCore::cancel_future(std::string_view msg) {
    if (state_ != State::Pending) return false;
    state_ = State::Cancelled;
    if (!msg.empty()) error_ = std::make_exception_ptr(CancelledError(std::string(msg)));
    schedule_callbacks();
    return true;
}

std::exception_ptr FutureCore::make_cancelled_error() {
    if (state_ == State::Cancelled && error_) {
        // A task's own CancelledError (Task._cancelled_exc) is handed out once; a
        // message given with the cancellation (Future._cancel_message) stays.
        if (kind_ == Kind::Task && !static_cast<detail::TaskCore*>(this)->cancel_message_kept())
            return std::exchange(error_, nullptr);
        return error_;
    }
    // A task that returned normally still has the message of a cancel(msg) it swallowed
    // (CPython: Task._cancel_message); gather's cancellation asks its last child for it.
    if (kind_ == Kind::Task && state_ == State::Done)
        return std::make_exception_ptr(CancelledError(static_cast<detail::TaskCore*>(this)->done_cancel_message()));
    return std::make_exception_ptr(CancelledError());
}

void FutureCore::throw_cancelled() { std::rethrow_exception(make_cancelled_error()); }

std::string FutureCore::cancel_message() const {
    if (state_ != State::Cancelled || !error_) return {};
    if (kind_ == Kind::Task && !static_cast<const detail::TaskCore*>(this)->cancel_message_kept()) return {};
    try {
        std::rethrow_exception(error_);
    } catch (const CancelledError& e) {
        return e.message();
    } catch (...) {
    }
    return {};
}

void FutureCore::reset() noexcept {
    state_ = State::Pending;
    error_ = nullptr;
}

void FutureCore::add_done_callback(Callback* cb) {
    if (done()) {
        EventLoop::get().call_soon(cb);
        return;
    }
    cb->registered_in = this;
    callbacks_.push_back(cb);
}

bool FutureCore::remove_done_callback(Callback* cb) {
    if (cb->registered_in != this) return false;
    callbacks_.erase(cb);
    cb->registered_in = nullptr;
    return true;
}

void FutureCore::schedule_callbacks() {
    if (callbacks_.empty()) return;
    // Taken over at once: a callback added from here on is not part of this completion.
    auto due = std::move(callbacks_);
    EventLoop& loop = EventLoop::get();
    while (Callback* cb = due.pop_front()) {
        cb->registered_in = nullptr;
        loop.call_soon(cb);
        if (loop.tracing()) [[unlikely]] {
            if (detail::TaskCore* t = detail::task_of_wakeup(cb)) {
                TraceEvent e;
                e.kind = TraceEventKind::Woken;
                e.task = t->id;
                e.wait = t->wait_kind;
                e.object = t->wait_object;
                auto* by = loop.current_task();
                e.other = by ? by->id : 0;
                loop.emit_trace_event(std::move(e));
            }
        }
    }
}

}  // namespace aio
