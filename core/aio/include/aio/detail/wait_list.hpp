// FIFO lines of waiting futures for queues, semaphores, locks and events.
// Each WaitFuture lives in the awaiter inside the waiting coroutine's frame,
// so joining a line allocates nothing; either side unhooks on destruction.
#pragma once

#include "aio/future_core.hpp"
#include "aio/trace_event.hpp"

#include <cstddef>

namespace aio::detail {

class WaitList;

struct WaitFuture : FutureCore {
    WaitFuture() = default;
    WaitFuture(WaitKind k, std::uint32_t obj) noexcept : kind(k), object(obj) {}
    ~WaitFuture();
    // For the awaiter that owns this future (Event.wait): they sit in the padding at
    // the end of FutureCore, so they cost no bytes of the frame.
    WaitKind kind = WaitKind::None;
    bool suspended = false;
    std::uint32_t object = 0;
    WaitList* list = nullptr;
    WaitFuture* prev = nullptr;
    WaitFuture* next = nullptr;
};

class WaitList {
public:
    WaitList() = default;
    WaitList(const WaitList&) = delete;
    WaitList& operator=(const WaitList&) = delete;
    ~WaitList() {
        while (head_) remove(head_);
    }

    bool empty() const noexcept { return head_ == nullptr; }
    std::size_t size() const noexcept { return size_; }
    WaitFuture* front() const noexcept { return head_; }

    void push_back(WaitFuture* w) noexcept {
        w->list = this;
        w->next = nullptr;
        w->prev = tail_;
        if (tail_) tail_->next = w;
        else head_ = w;
        tail_ = w;
        ++size_;
    }
    void remove(WaitFuture* w) noexcept {
        if (w->list != this) return;
        if (w->prev) w->prev->next = w->next;
        else head_ = w->next;
        if (w->next) w->next->prev = w->prev;
        else tail_ = w->prev;
        w->prev = w->next = nullptr;
        w->list = nullptr;
        --size_;
    }
    WaitFuture* pop_front() noexcept {
        WaitFuture* w = head_;
        if (w) remove(w);
        return w;
    }
    template <class F>
    void for_each(F f) const {
        for (WaitFuture* w = head_; w;) {
            WaitFuture* next = w->next;
            f(w);
            w = next;
        }
    }

    // Queue._wakeup_next: wake the first waiter that is not done, taking it off the line.
    void wake_next() {
        while (WaitFuture* w = pop_front()) {
            if (!w->done()) {
                w->set_done();
                return;
            }
        }
    }

private:
    WaitFuture* head_ = nullptr;
    WaitFuture* tail_ = nullptr;
    std::size_t size_ = 0;
};

inline WaitFuture::~WaitFuture() {
    if (list) list->remove(this);
}

}  // namespace aio::detail
