// asyncio's Future without the value: a state and a list of done callbacks.
// Completion schedules every callback through the loop's ready queue
// (call_soon), exactly as asyncio does, so a waiter resumes one iteration
// after the future completes.
#pragma once

#include "aio/handle.hpp"

#include <exception>

namespace aio {

class FutureCore;

// A done callback; lives in whoever waits (a task, a gather, a frame).
struct Callback : Handle {
    Callback() = default;
    Callback(Fn f, void* c) : Handle(f, c) {}
    ~Callback() {
        if (registered_in) [[unlikely]] remove_from_future();
    }

    FutureCore* registered_in = nullptr;  // the future whose list holds us
    FutureCore* source = nullptr;         // the future that completed (set when scheduled)
    Callback* prev = nullptr;
    Callback* next = nullptr;

private:
    void remove_from_future() noexcept;
};

class FutureCore {
public:
    enum class State : unsigned char { Pending, Done, Cancelled };

    FutureCore() = default;
    FutureCore(const FutureCore&) = delete;
    FutureCore& operator=(const FutureCore&) = delete;
    virtual ~FutureCore() {
        if (head_) [[unlikely]] forget_callbacks();
    }

    State state() const noexcept { return state_; }
    bool done() const noexcept { return state_ != State::Pending; }
    bool cancelled() const noexcept { return state_ == State::Cancelled; }
    const std::exception_ptr& exception_ptr() const noexcept { return error_; }

    // Complete; return false if already done (asyncio raises, we let callers decide).
    bool set_done();
    bool set_error(std::exception_ptr error);
    // Future.cancel(): only a pending future can be cancelled.
    virtual bool cancel();

    void add_done_callback(Callback* cb);
    bool remove_done_callback(Callback* cb);

    // Back to pending, for waiter futures reused in a loop (Queue.get's while).
    void reset() noexcept;

protected:
    void schedule_callbacks();
    void forget_callbacks() noexcept;

    std::exception_ptr error_;
    Callback* head_ = nullptr;
    Callback* tail_ = nullptr;
    State state_ = State::Pending;
};

}  // namespace aio
