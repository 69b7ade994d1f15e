// asyncio.as_completed (3.11): the results of tasks (or futures) in the order they finish.
//
//     for (auto next : aio::as_completed(tasks)) {      // for f in as_completed(tasks):
//         int r = co_await next;                       //     r = await f   (may raise)
//     }
//     for (auto next : aio::as_completed(tasks, 1.5))  // as_completed(tasks, timeout=1.5)
//
// Each awaitable gives the next task to finish: its value, or its exception raised by that
// co_await. Once the timeout expires, every await still to come raises aio::TimeoutError.
//
// As in CPython, the setup happens when the iteration begins (the generator's first next()):
// a coroutine not yet scheduled becomes a task, a task given twice counts once, each gets a
// done callback, and the timer starts. A task that finishes puts itself into a queue from its
// done callback (one iteration after it finished); an await takes the next one from that queue,
// waiting FIFO with any other awaits (asyncio's Queue.get) and reported as WaitKind::Wait.
// Tasks finishing in the same iteration come in the order their callbacks ran; tasks already
// done when the iteration begins come in the order given (CPython: the order of a set).
//
// Where C++ differs: the callbacks and the timer belong to the range and its awaitables; when
// the last of them is gone (a loop left early), they are removed (Python keeps them until the
// tasks finish or the timer fires, with no effect but the timer's). Each awaitable is meant to
// be awaited once; awaiting one again takes another result (Python: RuntimeError).
#pragma once

#include "aio/detail/wait_list.hpp"
#include "aio/future.hpp"
#include "aio/task.hpp"

#include <cstddef>
#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

namespace aio {

namespace detail {

// The state that CPython keeps in the generator's closure: todo, the `done` queue, the timer.
template <class F>
struct AsCompletedState {
    static constexpr std::size_t timed_out = static_cast<std::size_t>(-1);  // the None sentinel

    // _on_completion, one per future.
    struct Completion : Callback {
        Completion() : Callback(&Completion::run, this) {}
        static void run(void* self) {
            auto* c = static_cast<Completion*>(self);
            c->state->on_completion(c->index);
        }
        AsCompletedState* state = nullptr;
        std::size_t index = 0;
        bool in_todo = false;  // not yet reported by its callback (or the timeout)
    };

    AsCompletedState(std::vector<F> fs, double timeout_s) : timeout(timeout_s) {
        // set(fs): each future once (in the order given).
        for (F& f : fs) {
            bool seen = false;
            for (const F& g : items) seen = seen || g.core() == f.core();
            if (!seen) items.push_back(std::move(f));
        }
    }

    // The generator's body up to its first yield.
    void start() {
        if (started) return;
        started = true;
        EventLoop& loop = EventLoop::get();
        if constexpr (requires(F f) { f.is_scheduled(); }) {
            for (F& f : items)
                if (!f.is_scheduled()) f = create_task(std::move(f));  // ensure_future
        }
        todo = items.size();
        queue.reserve(items.size());  // every future enters the queue at most once (or its None)
        completions = std::make_unique<Completion[]>(items.size());
        for (std::size_t i = 0; i < items.size(); ++i) {
            completions[i].state = this;
            completions[i].index = i;
            completions[i].in_todo = true;
            items[i].core()->add_done_callback(&completions[i]);
        }
        if (todo && timeout >= 0) loop.arm(&timeout_handle, loop.time_ns() + to_ns(timeout));
    }

    void on_completion(std::size_t index) {
        if (todo == 0) return;  // _on_timeout() was here first
        completions[index].in_todo = false;
        --todo;
        put(index);
        if (todo == 0 && timeout_handle.armed()) EventLoop::get().disarm(&timeout_handle);
    }

    static void on_timeout(void* self) {
        // Every future still in todo gets a None, also one whose callback is already queued
        // (it finished, but its callback has not run yet: it will find todo empty).
        auto* s = static_cast<AsCompletedState*>(self);
        for (std::size_t i = 0; i < s->items.size(); ++i) {
            Completion& c = s->completions[i];
            if (!c.in_todo) continue;
            c.in_todo = false;
            s->items[i].core()->remove_done_callback(&c);
            s->put(timed_out);
        }
        s->todo = 0;
    }

    // Queue.put_nowait: the item goes in, the first getter still waiting is woken.
    void put(std::size_t item) {
        queue.push_back(item);
        getters.wake_next();
    }
    bool empty() const noexcept { return head == queue.size(); }
    std::size_t pop() noexcept { return queue[head++]; }

    std::vector<F> items;
    double timeout;
    bool started = false;
    std::size_t todo = 0;
    std::vector<std::size_t> queue;  // indices into items, or timed_out
    std::size_t head = 0;
    WaitList getters;
    std::unique_ptr<Completion[]> completions;
    TimerNode timeout_handle{&AsCompletedState::on_timeout, this};
};

}  // namespace detail

template <class F>
class AsCompleted {
    using State = detail::AsCompletedState<F>;

public:
    using value_type = typename F::value_type;

    // One of the awaitables the iteration yields (asyncio's _wait_for_one()).
    class Next {
    public:
        explicit Next(std::shared_ptr<State> s) noexcept : s_(std::move(s)) {}

        // `f = await done.get()` (asyncio.Queue.get: wait while empty, FIFO with other
        // getters; a woken getter that finds the queue empty again waits at the end),
        // then `raise TimeoutError` for the sentinel, else `return f.result()`.
        class Awaiter : detail::TaskCore::ResumeHook {
        public:
            explicit Awaiter(std::shared_ptr<State> s) : ResumeHook{&Awaiter::recheck}, s_(std::move(s)) {}
            Awaiter(const Awaiter&) = delete;
            Awaiter& operator=(const Awaiter&) = delete;

            bool await_ready() const noexcept { return !s_->empty(); }
            void await_suspend(std::coroutine_handle<> h) {
                task_ = &detail::running_task();
                h_ = h;
                wait();
            }
            value_type await_resume() {
                if (task_ && (task_->cancel_delivered_now() || getter_.cancelled())) {
                    // Queue.get's `except:` branch: a getter woken but cancelled passes its
                    // wake-up on if there is something to take.
                    const bool woken = !getter_.cancelled();
                    getter_.cancel();
                    s_->getters.remove(&getter_);
                    if (!s_->empty() && woken) s_->getters.wake_next();
                    task_->throw_if_cancelled_now(getter_);
                    getter_.throw_cancelled();
                }
                const std::size_t i = s_->pop();
                if (i == State::timed_out) throw TimeoutError();
                if constexpr (std::is_void_v<value_type>) {
                    s_->items[i].result();
                } else {
                    return s_->items[i].result();
                }
            }

        private:
            void wait() {
                getter_.reset();
                s_->getters.push_back(&getter_);
                task_->suspend_on(&getter_, h_, WaitKind::Wait, 0);
                task_->set_resume_hook(this);
            }
            // `while self.empty():` once more before the coroutine resumes.
            static bool recheck(detail::TaskCore::ResumeHook* hook) {
                auto* self = static_cast<Awaiter*>(hook);
                if (self->task_->cancel_delivered_now() || self->getter_.cancelled()) return true;
                if (self->s_->empty()) {
                    detail::tl_await_site = self->task_->wait_site();  // the same co_await
                    self->wait();
                    return false;
                }
                return true;
            }

            std::shared_ptr<State> s_;
            detail::TaskCore* task_ = nullptr;
            std::coroutine_handle<> h_;
            detail::WaitFuture getter_;
        };

        Awaiter operator co_await() const { return Awaiter(s_); }

    private:
        std::shared_ptr<State> s_;
    };

    struct Sentinel {};
    class Iterator {
    public:
        using difference_type = std::ptrdiff_t;
        using value_type = Next;

        Iterator() = default;
        Iterator(std::shared_ptr<State> s, std::size_t left) noexcept : s_(std::move(s)), left_(left) {}
        Next operator*() const { return Next(s_); }
        Iterator& operator++() noexcept {
            --left_;
            return *this;
        }
        void operator++(int) noexcept { --left_; }
        friend bool operator==(const Iterator& it, Sentinel) noexcept { return it.left_ == 0; }

    private:
        std::shared_ptr<State> s_;
        std::size_t left_ = 0;
    };

    AsCompleted(std::vector<F> fs, double timeout) : s_(std::make_shared<State>(std::move(fs), timeout)) {}

    // `for _ in range(len(todo)): yield _wait_for_one()`; the setup runs here, once.
    Iterator begin() {
        s_->start();
        return Iterator(s_, s_->items.size());
    }
    Sentinel end() const noexcept { return {}; }
    // How many awaitables the iteration yields (the distinct futures).
    std::size_t size() const noexcept { return s_->items.size(); }

private:
    std::shared_ptr<State> s_;
};

// asyncio.as_completed(fs, timeout=timeout): timeout in seconds, negative for None.
template <class T>
AsCompleted<Task<T>> as_completed(std::vector<Task<T>> fs, double timeout = -1) {
    return AsCompleted<Task<T>>(std::move(fs), timeout);
}
template <class T>
AsCompleted<Future<T>> as_completed(std::vector<Future<T>> fs, double timeout = -1) {
    return AsCompleted<Future<T>>(std::move(fs), timeout);
}

}  // namespace aio
