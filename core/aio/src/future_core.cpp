#include "aio/future_core.hpp"

#include "aio/detail/task_core.hpp"
#include "aio/gather.hpp"
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
    Callback* cb = head_;
    head_ = nullptr;
    cb->prev->next = nullptr;  // open the circle
    while (cb) {
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
    switch (kind_) {
        case Kind::Task: return static_cast<detail::TaskCore*>(this)->cancel();
        case Kind::Gather: return static_cast<detail::GatherCore*>(this)->cancel();
        case Kind::Custom: return static_cast<CustomFuture*>(this)->cancel_custom();
        case Kind::Plain: break;
    }
    return cancel_future();
}

bool FutureCore::cancel_future() {
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
        EventLoop::get().call_soon(cb);
        return;
    }
    cb->registered_in = this;
    if (!head_) {
        cb->prev = cb->next = cb;
        head_ = cb;
        return;
    }
    Callback* last = head_->prev;
    cb->prev = last;
    cb->next = head_;
    last->next = cb;
    head_->prev = cb;
}

bool FutureCore::remove_done_callback(Callback* cb) {
    if (cb->registered_in != this) return false;
    if (cb->next == cb) {
        head_ = nullptr;
    } else {
        cb->prev->next = cb->next;
        cb->next->prev = cb->prev;
        if (head_ == cb) head_ = cb->next;
    }
    cb->prev = cb->next = nullptr;
    cb->registered_in = nullptr;
    return true;
}

void FutureCore::schedule_callbacks() {
    Callback* cb = head_;
    if (!cb) return;
    head_ = nullptr;
    cb->prev->next = nullptr;  // open the circle
    EventLoop& loop = EventLoop::get();
    while (cb) {
        Callback* next = cb->next;
        cb->prev = cb->next = nullptr;
        cb->registered_in = nullptr;
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
