// asyncio's Future without the value: a state and a list of done callbacks.
// Completion schedules every callback through the loop's ready queue
// (call_soon), exactly as asyncio does, so a waiter resumes one iteration
// after the future completes.
#pragma once

#include "aio/detail/intrusive_list.hpp"
#include "aio/handle.hpp"

#include <exception>
#include <string_view>

namespace aio {

class FutureCore;

// A done callback; lives in whoever waits (a task, a gather, a frame).
struct Callback : Handle {
    Callback() = default;
    Callback(Fn f, void* c) : Handle(f, c) {}
    ~Callback() {
        if (registered_in) [[unlikely]] remove_from_future();
    }

    // The future whose list holds us. (A callback that needs to know which future
    // completed keeps it itself: the wakeup of every task has no use for that word.)
    FutureCore* registered_in = nullptr;
    detail::ListLink<Callback> link;

private:
    void remove_from_future() noexcept;
};

class FutureCore {
public:
    enum class State : unsigned char { Pending, Done, Cancelled };
    // What derives from us, for cancel() (a tag instead of a virtual table: every
    // task and every waiter future carries this object, so every word counts).
    enum class Kind : unsigned char { Plain, Task, Gather, Custom };

    FutureCore() = default;
    FutureCore(const FutureCore&) = delete;
    FutureCore& operator=(const FutureCore&) = delete;
    ~FutureCore() {
        if (!callbacks_.empty()) [[unlikely]] forget_callbacks();
    }

    State state() const noexcept { return state_; }
    bool done() const noexcept { return state_ != State::Pending; }
    bool cancelled() const noexcept { return state_ == State::Cancelled; }
    const std::exception_ptr& exception_ptr() const noexcept { return error_; }

    // Complete; return false if already done (asyncio raises, we let callers decide).
    bool set_done();
    bool set_error(std::exception_ptr error);
    // Future.cancel(msg): only a pending future can be cancelled. A task or a gather
    // does its own cancel (Task.cancel, _GatheringFuture.cancel). An empty message is
    // Python's None; a message costs one CancelledError allocation, only when given.
    bool cancel(std::string_view msg = {});

    // Future._make_cancelled_error(): the CancelledError that a cancelled future raises.
    // A task hands out the error its coroutine raised once (then a bare CancelledError),
    // as CPython does; a plain future keeps its message.
    std::exception_ptr make_cancelled_error();
    [[noreturn]] void throw_cancelled();
    // Future._cancel_message ("" for None): what gather(return_exceptions) reports.
    std::string cancel_message() const;

    void add_done_callback(Callback* cb);
    bool remove_done_callback(Callback* cb);

    // Back to pending, for waiter futures reused in a loop (Queue.get's while).
    void reset() noexcept;

protected:
    explicit FutureCore(Kind kind) noexcept : kind_(kind) {}
    // The plain Future.cancel(msg), whatever the kind. A cancelled future's error_ holds
    // its CancelledError when there is a message (no extra member for a rare feature).
    bool cancel_future(std::string_view msg = {});
    void schedule_callbacks();
    void forget_callbacks() noexcept;

    std::exception_ptr error_;
    // The done callbacks, in the order they were added.
    detail::IntrusiveList<Callback, detail::MemberLink<Callback, &Callback::link>> callbacks_;
    State state_ = State::Pending;
    Kind kind_ = Kind::Plain;
};

// A future whose cancel() does more than the plain one: it stops an outside source
// (qtaio::ExternalFuture aborts a network reply). The one kind with a virtual table;
// there are few of them at a time, unlike tasks and waiters.
class CustomFuture : public FutureCore {
public:
    CustomFuture() noexcept : FutureCore(Kind::Custom) {}
    virtual ~CustomFuture() = default;
    // What cancel() does for this future; the plain Future.cancel() unless overridden.
    virtual bool cancel_custom() { return cancel_future(); }
};

}  // namespace aio
