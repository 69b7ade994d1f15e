// loop.call_soon / call_later / call_at with closures, as asyncio's: the callable
// runs once from the loop (not inside a task), and the returned handle can cancel it.
// call_soon appends to the ready queue (FIFO, next iteration); timers fire in
// (deadline, creation order), sharing the heap with sleeps and timeouts.
//
//     aio::EventLoop& loop = aio::get_running_loop();
//     aio::TimerHandle h = loop.call_later(0.5, [] { aio::log("half a second"); });
//     h.cancel();
//
// Python calls the handle classes Handle and TimerHandle; aio::Handle is already the
// ready-queue entry every task and awaiter embeds, so the public one is CallbackHandle.
// Each call allocates one node holding the callable (only code that uses this pays);
// the loop keeps it until it has run or been cancelled, so dropping the handle is fine.
#pragma once

#include "aio/event_loop.hpp"
#include "aio/handle.hpp"

#include <concepts>
#include <cstdint>
#include <utility>

namespace aio {

namespace detail {

// One scheduled call: the loop's node and the callable in one allocation, shared by
// the loop (while queued or armed) and the handles.
struct ScheduledCall : TimerNode {
    ScheduledCall() : TimerNode(&ScheduledCall::fire, this) {}
    virtual ~ScheduledCall() = default;
    virtual void invoke() = 0;

    // The loop runs it: call, then drop the loop's reference (the thunk's address also
    // tells the loop's teardown which nodes it owns).
    static void fire(void* self);
    void add_ref() noexcept { ++refs; }
    void release() noexcept {
        if (--refs == 0) delete this;
    }
    bool scheduled() const noexcept { return queued() || armed(); }

    std::uint32_t refs = 1;  // the loop's
    bool cancelled = false;
};

template <class F>
struct ScheduledCallOf final : ScheduledCall {
    explicit ScheduledCallOf(F f) : fn(std::move(f)) {}
    void invoke() override { fn(); }
    F fn;
};

}  // namespace detail

// asyncio.Handle: cancel() before it ran and it never runs.
class CallbackHandle {
public:
    CallbackHandle() noexcept = default;
    explicit CallbackHandle(detail::ScheduledCall* node) noexcept : node_(node) {
        if (node_) node_->add_ref();
    }
    CallbackHandle(const CallbackHandle& o) noexcept : CallbackHandle(o.node_) {}
    CallbackHandle(CallbackHandle&& o) noexcept : node_(std::exchange(o.node_, nullptr)) {}
    CallbackHandle& operator=(CallbackHandle o) noexcept {
        std::swap(node_, o.node_);
        return *this;
    }
    ~CallbackHandle() {
        if (node_) node_->release();
    }

    // Handle.cancel(): marks the handle cancelled (even after it ran, as Python does) and
    // takes it out of the loop if it is still waiting there.
    void cancel() noexcept;
    bool cancelled() const noexcept { return node_ && node_->cancelled; }
    explicit operator bool() const noexcept { return node_ != nullptr; }

protected:
    detail::ScheduledCall* node_ = nullptr;
};

// asyncio.TimerHandle: a call at a loop time.
class TimerHandle : public CallbackHandle {
public:
    using CallbackHandle::CallbackHandle;
    // The deadline, in loop seconds.
    double when() const noexcept { return static_cast<double>(node_->when) / 1e9; }
};

inline void CallbackHandle::cancel() noexcept {
    if (!node_ || node_->cancelled) return;
    node_->cancelled = true;
    if (node_->scheduled()) {
        if (auto* loop = EventLoop::current()) loop->disarm(node_);
        node_->release();  // the loop's reference
    }
}

template <class F>
    requires std::invocable<F&>
CallbackHandle EventLoop::call_soon(F f) {
    auto* node = new detail::ScheduledCallOf<F>(std::move(f));
    call_soon(static_cast<Handle*>(node));
    CallbackHandle h(node);
    return h;
}

template <class F>
    requires std::invocable<F&>
TimerHandle EventLoop::call_at(double when, F f) {
    auto* node = new detail::ScheduledCallOf<F>(std::move(f));
    arm(node, to_ns(when));
    TimerHandle h(node);
    return h;
}

template <class F>
    requires std::invocable<F&>
TimerHandle EventLoop::call_later(double delay, F f) {
    auto* node = new detail::ScheduledCallOf<F>(std::move(f));
    arm(node, time_ns() + to_ns(delay));
    TimerHandle h(node);
    return h;
}

}  // namespace aio
