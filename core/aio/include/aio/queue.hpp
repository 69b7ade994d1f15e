// asyncio.Queue, LifoQueue and PriorityQueue: bounded by maxsize (0: unbounded),
// getters and putters wait in FIFO lines, task_done()/join() count the work.
#pragma once

#include "aio/detail/describe.hpp"
#include "aio/detail/traced_object.hpp"
#include "aio/detail/wait_list.hpp"
#include "aio/event.hpp"

#include <algorithm>
#include <deque>
#include <functional>
#include <vector>

namespace aio {

namespace detail {

template <class T>
struct FifoStore {
    static constexpr ObjectKind kind = ObjectKind::Queue;
    std::deque<T> items;
    void push(T v) { items.push_back(std::move(v)); }
    T pop() {
        T v = std::move(items.front());
        items.pop_front();
        return v;
    }
};

template <class T>
struct LifoStore {
    static constexpr ObjectKind kind = ObjectKind::LifoQueue;
    std::vector<T> items;
    void push(T v) { items.push_back(std::move(v)); }
    T pop() {
        T v = std::move(items.back());
        items.pop_back();
        return v;
    }
};

// heapq order: the smallest item first.
template <class T, class Less = std::less<T>>
struct HeapStore {
    static constexpr ObjectKind kind = ObjectKind::PriorityQueue;
    std::vector<T> items;
    static bool greater(const T& a, const T& b) { return Less{}(b, a); }
    void push(T v) {
        items.push_back(std::move(v));
        std::push_heap(items.begin(), items.end(), &HeapStore::greater);
    }
    T pop() {
        std::pop_heap(items.begin(), items.end(), &HeapStore::greater);
        T v = std::move(items.back());
        items.pop_back();
        return v;
    }
};

}  // namespace detail

template <class T, class Store>
class BasicQueue : public detail::TracedObject {
public:
    explicit BasicQueue(int maxsize = 0, std::string name = {})
        : TracedObject(Store::kind, std::move(name), maxsize), maxsize_(maxsize) {
        finished_.set();
    }

    int maxsize() const noexcept { return maxsize_; }
    std::size_t qsize() const noexcept { return store_.items.size(); }
    bool empty() const noexcept { return store_.items.empty(); }
    bool full() const noexcept { return maxsize_ > 0 && qsize() >= static_cast<std::size_t>(maxsize_); }
    int unfinished_tasks() const noexcept { return unfinished_; }

    void put_nowait(T item) {
        if (full()) throw QueueFull();
        std::string text = tracing() ? detail::describe_value(item) : std::string();
        store_.push(std::move(item));
        ++unfinished_;
        finished_.clear();
        trace(TraceEventKind::QueuePut, static_cast<std::int64_t>(qsize()), std::move(text));
        getters_.wake_next();
    }

    T get_nowait() {
        if (empty()) throw QueueEmpty();
        T item = store_.pop();
        if (tracing()) trace(TraceEventKind::QueueGet, static_cast<std::int64_t>(qsize()), detail::describe_value(item));
        putters_.wake_next();
        return item;
    }

    void task_done() {
        if (unfinished_ <= 0) throw ValueError("task_done() called too many times");
        --unfinished_;
        trace(TraceEventKind::QueueTaskDone, unfinished_);
        if (unfinished_ == 0) finished_.set();
    }

    // Waits while the queue is full/empty. When woken, the condition is checked again
    // before the coroutine resumes (asyncio's `while self.full():` loop): whoever lost
    // the race goes back to the end of the line.
    template <bool IsGet>
    class WaitAwaiter : detail::TaskCore::ResumeHook {
    public:
        explicit WaitAwaiter(BasicQueue& q) : ResumeHook{&WaitAwaiter::recheck}, q_(q) {}
        bool blocked() const noexcept { return IsGet ? q_.empty() : q_.full(); }
        bool await_ready() const noexcept { return !blocked(); }
        void await_suspend(std::coroutine_handle<> h) {
            task_ = &detail::running_task();
            h_ = h;
            wait();
        }

    protected:
        void wait() {
            fut_.reset();
            (IsGet ? q_.getters_ : q_.putters_).push_back(&fut_);
            task_->suspend_on(&fut_, h_, IsGet ? WaitKind::QueueGet : WaitKind::QueuePut, q_.object_id());
            task_->set_resume_hook(this);
        }
        static bool recheck(detail::TaskCore::ResumeHook* hook) {
            auto* self = static_cast<WaitAwaiter*>(hook);
            if (self->task_->cancel_delivered_now() || self->fut_.cancelled()) return true;
            if (self->blocked()) {
                // Waits again at the same co_await of this task (not at whatever co_await
                // some other task executed last).
                detail::tl_await_site = self->task_->wait_site();
                self->wait();
                return false;
            }
            return true;
        }
        // asyncio's `except:` branch of get()/put().
        void throw_if_cancelled() {
            if (!task_) return;
            if (task_->cancel_delivered_now() || fut_.cancelled()) {
                const bool woken = !fut_.cancelled();
                fut_.cancel();
                auto& line = IsGet ? q_.getters_ : q_.putters_;
                line.remove(&fut_);
                if (!blocked() && woken) line.wake_next();  // pass the wake-up on
                task_->throw_if_cancelled_now(fut_);
                fut_.throw_cancelled();
            }
        }

        BasicQueue& q_;
        detail::TaskCore* task_ = nullptr;
        std::coroutine_handle<> h_;
        detail::WaitFuture fut_;
    };

    class GetAwaiter : public WaitAwaiter<true> {
    public:
        using WaitAwaiter<true>::WaitAwaiter;
        T await_resume() {
            this->throw_if_cancelled();
            return this->q_.get_nowait();
        }
    };

    class PutAwaiter : public WaitAwaiter<false> {
    public:
        PutAwaiter(BasicQueue& q, T item) : WaitAwaiter<false>(q), item_(std::move(item)) {}
        void await_resume() {
            this->throw_if_cancelled();
            this->q_.put_nowait(std::move(item_));
        }

    private:
        T item_;
    };

    GetAwaiter get() { return GetAwaiter(*this); }
    PutAwaiter put(T item) { return PutAwaiter(*this, std::move(item)); }

    class JoinAwaiter {
    public:
        JoinAwaiter(BasicQueue& q) : q_(q), inner_(q.finished_.wait_as(WaitKind::QueueJoin, q.object_id())) {}
        bool await_ready() { return q_.unfinished_ == 0; }
        void await_suspend(std::coroutine_handle<> h) { inner_.await_suspend(h); }
        void await_resume() {
            inner_.await_resume();
            q_.trace(TraceEventKind::QueueJoin);
        }

    private:
        BasicQueue& q_;
        Event::WaitAwaiter inner_;
    };
    JoinAwaiter join() { return JoinAwaiter(*this); }

    template <class F>
    void for_each_item(F f) const {
        for (const auto& v : store_.items) f(v);
    }

private:
    static bool tracing() noexcept {
        auto* loop = EventLoop::current();
        return loop && loop->tracing();
    }

    int maxsize_;
    int unfinished_ = 0;
    Store store_;
    detail::WaitList getters_;
    detail::WaitList putters_;
    Event finished_{Event::Internal{}};
};

template <class T>
using Queue = BasicQueue<T, detail::FifoStore<T>>;
template <class T>
using LifoQueue = BasicQueue<T, detail::LifoStore<T>>;
template <class T, class Less = std::less<T>>
using PriorityQueue = BasicQueue<T, detail::HeapStore<T, Less>>;

}  // namespace aio
