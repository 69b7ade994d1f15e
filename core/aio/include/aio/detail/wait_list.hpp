// FIFO lines of waiting futures for queues, semaphores, locks and events.
// Each WaitFuture lives in the awaiter inside the waiting coroutine's frame,
// so joining a line allocates nothing; either side unhooks on destruction.
#pragma once

#include "aio/detail/intrusive_list.hpp"
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
    WaitList* list = nullptr;  // the line it stands in, so that it can leave it
    ListLink<WaitFuture> link;
};

class WaitList {
    using List = IntrusiveList<WaitFuture, MemberLink<WaitFuture, &WaitFuture::link>>;

public:
    WaitList() = default;
    WaitList(const WaitList&) = delete;
    WaitList& operator=(const WaitList&) = delete;
    ~WaitList() {
        while (WaitFuture* w = list_.front()) remove(w);
    }

    bool empty() const noexcept { return list_.empty(); }
    std::size_t size() const noexcept { return size_; }
    WaitFuture* front() const noexcept { return list_.front(); }
    // The waiter after `w`, nullptr after the last.
    WaitFuture* next(WaitFuture* w) const noexcept { return list_.next(w); }
    List::iterator begin() const noexcept { return list_.begin(); }
    List::iterator end() const noexcept { return list_.end(); }

    void push_back(WaitFuture* w) noexcept {
        w->list = this;
        list_.push_back(w);
        ++size_;
    }
    void remove(WaitFuture* w) noexcept {
        if (w->list != this) return;
        list_.erase(w);
        w->list = nullptr;
        --size_;
    }
    WaitFuture* pop_front() noexcept {
        WaitFuture* w = list_.front();
        if (w) remove(w);
        return w;
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
    List list_;
    std::size_t size_ = 0;
};

inline WaitFuture::~WaitFuture() {
    if (list) list->remove(this);
}

}  // namespace aio::detail
