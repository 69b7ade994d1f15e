#include "aio/future_core.hpp"

#include "aio/detail/task_core.hpp"
#include "aio/event_loop.hpp"

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
    for (Callback* cb = head_; cb;) {
        Callback* next = cb->next;
        cb->registered_in = nullptr;
        cb->prev = cb->next = nullptr;
        cb = next;
    }
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

bool FutureCore::cancel() {
    if (state_ != State::Pending) return false;
    state_ = State::Cancelled;
    schedule_callbacks();
    return true;
}

void FutureCore::reset() noexcept {
    state_ = State::Pending;
    error_ = nullptr;
}

void FutureCore::add_done_callback(Callback* cb) {
    if (done()) {
        cb->source = this;
        EventLoop::get().call_soon(cb);
        return;
    }
    cb->registered_in = this;
    cb->next = nullptr;
    cb->prev = tail_;
    if (tail_) tail_->next = cb;
    else head_ = cb;
    tail_ = cb;
}

bool FutureCore::remove_done_callback(Callback* cb) {
    if (cb->registered_in != this) return false;
    if (cb->prev) cb->prev->next = cb->next;
    else head_ = cb->next;
    if (cb->next) cb->next->prev = cb->prev;
    else tail_ = cb->prev;
    cb->prev = cb->next = nullptr;
    cb->registered_in = nullptr;
    return true;
}

void FutureCore::schedule_callbacks() {
    Callback* cb = head_;
    head_ = tail_ = nullptr;
    if (!cb) return;
    EventLoop& loop = EventLoop::get();
    while (cb) {
        Callback* next = cb->next;
        cb->prev = cb->next = nullptr;
        cb->registered_in = nullptr;
        cb->source = this;
        loop.call_soon(cb);
        if (loop.tracing()) [[unlikely]] {
            if (detail::TaskCore* t = detail::task_of_wakeup(cb)) {
                TraceEvent e;
                e.kind = EventKind::Woken;
                e.task = t->id;
                e.wait = t->wait_kind;
                e.object = t->wait_object;
                auto* by = loop.current_task();
                e.other = by ? by->id : 0;
                loop.emit_event(std::move(e));
            }
        }
        cb = next;
    }
}

}  // namespace aio
