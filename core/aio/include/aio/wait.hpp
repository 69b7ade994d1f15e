// asyncio.wait: wait until the first task completes, the first raises, or all
// are done (optionally with a timeout); returns (done, pending) in input order.
#pragma once

#include "aio/detail/release_waiter.hpp"

#include <memory>
#include <vector>

namespace aio {

enum class ReturnWhen { FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED };
inline constexpr ReturnWhen FIRST_COMPLETED = ReturnWhen::FIRST_COMPLETED;
inline constexpr ReturnWhen FIRST_EXCEPTION = ReturnWhen::FIRST_EXCEPTION;
inline constexpr ReturnWhen ALL_COMPLETED = ReturnWhen::ALL_COMPLETED;

template <class T>
struct WaitResult {
    std::vector<Task<T>> done;
    std::vector<Task<T>> pending;
};

namespace detail {
struct WaitState {
    FutureCore waiter;
    TimerNode timeout_handle{&release_waiter, &waiter};
    std::size_t counter = 0;
    ReturnWhen return_when = ReturnWhen::ALL_COMPLETED;
};
struct WaitCallback : Callback {
    WaitCallback() : Callback(&WaitCallback::run, this) {}
    static void run(void* self) {
        auto* cb = static_cast<WaitCallback*>(self);
        WaitState& s = *cb->state;
        TaskCore* f = cb->child;
        --s.counter;
        if (s.counter == 0 || s.return_when == ReturnWhen::FIRST_COMPLETED ||
            (s.return_when == ReturnWhen::FIRST_EXCEPTION && !f->cancelled() && (f->mark_retrieved(), f->exception_ptr()))) {
            EventLoop::get().disarm(&s.timeout_handle);
            if (!s.waiter.done()) s.waiter.set_done();
        }
    }
    WaitState* state = nullptr;
    TaskCore* child = nullptr;  // the future whose completion we count
};
}  // namespace detail

template <class T>
Task<WaitResult<T>> wait(std::vector<Task<T>> fs, ReturnWhen return_when = ALL_COMPLETED, double timeout = -1) {
    if (fs.empty()) throw ValueError("Set of Tasks/Futures is empty.");
    for (auto& f : fs)
        if (!f.is_scheduled()) throw TypeError("Passing coroutines is forbidden, use tasks explicitly.");
    EventLoop& loop = EventLoop::get();
    detail::WaitState state;
    state.counter = fs.size();
    state.return_when = return_when;
    if (timeout >= 0) loop.arm(&state.timeout_handle, loop.time_ns() + to_ns(timeout));
    auto callbacks = std::make_unique<detail::WaitCallback[]>(fs.size());
    for (std::size_t i = 0; i < fs.size(); ++i) {
        callbacks[i].state = &state;
        callbacks[i].child = fs[i].core();
        fs[i].core()->add_done_callback(&callbacks[i]);
    }
    co_await detail::FutureAwaiter{state.waiter, WaitKind::Wait, 0};
    callbacks.reset();  // asyncio: finally: remove_done_callback for each
    WaitResult<T> out;
    for (auto& f : fs) (f.done() ? out.done : out.pending).push_back(std::move(f));
    co_return out;
}

}  // namespace aio
