#include "aio/executor.hpp"

#include "aio/blocking_sleep.hpp"
#include "aio/call_soon.hpp"
#include "aio/clock.hpp"
#include "aio/event_loop.hpp"

#include <chrono>
#include <thread>
#include <utility>

namespace aio {

bool Work::set_running_or_notify_cancel() noexcept {
    State expected = State::Pending;
    return state_.compare_exchange_strong(expected, State::Running, std::memory_order_acq_rel);
}

bool Work::cancel() noexcept {
    State expected = State::Pending;
    return state_.compare_exchange_strong(expected, State::Cancelled, std::memory_order_acq_rel);
}

void Work::run() noexcept {
    try {
        invoke();
    } catch (...) {
        error_ = std::current_exception();
    }
    // release: the loop's thread reads the outcome after seeing Finished
    state_.store(State::Finished, std::memory_order_release);
}

void Work::complete(EventLoop& loop) {
    // asyncio's call_soon_threadsafe(_set_state, ...): one iteration later. The work is
    // held by the call, the waiter only by a pointer it clears when it goes away.
    loop.call_soon([self = shared_from_this()] {
        if (self->waiter_) self->waiter_->on_work_done(*self);
    });
}

void VirtualExecutor::submit(std::shared_ptr<Work> work) {
    waiting_.push_back(std::move(work));
    start_waiting();
}

void VirtualExecutor::start_waiting() {
    while (!waiting_.empty() && (max_workers_ == 0 || busy_ < max_workers_)) {
        std::shared_ptr<Work> work = std::move(waiting_.front());
        waiting_.pop_front();
        start(work);
    }
}

bool VirtualExecutor::start(const std::shared_ptr<Work>& work) {
    if (!work->set_running_or_notify_cancel()) return false;  // cancelled while it waited
    ++busy_;
    {
        // blocking_sleep inside the function is the worker's time, not the loop's
        Work* outer = std::exchange(detail::tl_virtual_work, work.get());
        work->run();
        detail::tl_virtual_work = outer;
    }
    EventLoop& loop = EventLoop::get();
    auto done = [self = shared_from_this(), work] { self->finished(work); };
    auto* node = new detail::ScheduledCallOf<decltype(done)>(std::move(done));
    loop.arm(node, loop.time_ns() + work->virtual_ns());  // the loop owns the node now
    return true;
}

void VirtualExecutor::finished(const std::shared_ptr<Work>& work) {
    // As a pool thread: publish the outcome, then take the next waiting item.
    --busy_;
    work->complete(EventLoop::get());
    start_waiting();
}

void blocking_sleep(double seconds) {
    const std::int64_t ns = seconds > 0.0 ? to_ns(seconds) : 0;
    if (Work* work = detail::tl_virtual_work) {
        work->add_virtual_ns(ns);
        return;
    }
    if (EventLoop* loop = EventLoop::current()) {
        loop->hold(ns);
        return;
    }
    std::this_thread::sleep_for(std::chrono::nanoseconds(ns));
}

}  // namespace aio
