// asyncio.to_thread and loop.run_in_executor: a blocking function runs on an
// executor's thread while the task awaits its result.
//
//     int n = co_await aio::to_thread(count_lines, path);                 // await asyncio.to_thread(count_lines, path)
//     int n = co_await aio::to_thread(aio::takes(2.0), count_lines, path); // ... and it takes 2 s of virtual time
//     aio::Future<int> f = aio::run_in_executor(nullptr, count_lines, path); // loop.run_in_executor(None, ...)
//
// The function and its arguments are copied (Python's functools.partial). Its value is
// the await's value; an exception it throws is re-raised in the awaiting task as the
// same type (std::exception_ptr). Cancelling the awaiting task raises CancelledError in
// it at once and, one iteration later, cancels the work if no worker has taken it yet
// (it is then skipped); work already running runs to its end and its outcome is
// dropped. The task waits with WaitKind::Future.
//
// Virtual time: a thread's wall time means nothing there, so a function declares how
// long it takes, with aio::takes(seconds) and/or aio::blocking_sleep() calls inside it
// (both add up). Without either it completes in zero time: its result arrives in the
// loop iterations right after the submission (see executor.hpp).
// Real time (qtaio::QtDriver): the function runs on QThreadPool and takes what it takes;
// a declared duration is ignored.
//
// The function runs on another thread in real time: it must not touch the loop or
// anything a task uses without its own synchronisation.
#pragma once

#include "aio/clock.hpp"
#include "aio/event_loop.hpp"
#include "aio/executor.hpp"
#include "aio/future.hpp"
#include "aio/task.hpp"

#include <concepts>
#include <functional>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

namespace aio {

// How long a function given to to_thread / run_in_executor takes in virtual time.
struct WorkTime {
    std::int64_t ns = 0;
};
inline WorkTime takes(double seconds) noexcept { return WorkTime{seconds > 0.0 ? to_ns(seconds) : 0}; }

namespace detail {

template <class R>
class WorkResult : public Work {
public:
    using Work::Work;
    std::optional<result_t<R>> value;
};

template <class R, class Fn>
class WorkOf final : public WorkResult<R> {
public:
    WorkOf(std::int64_t declared_ns, Fn fn) : WorkResult<R>(declared_ns), fn_(std::move(fn)) {}

private:
    void invoke() override {
        if constexpr (std::is_void_v<R>) {
            fn_();
            this->value.emplace();
        } else {
            this->value.emplace(fn_());
        }
    }
    Fn fn_;
};

// The future run_in_executor returns, chained to its Work as asyncio's wrap_future
// chains an asyncio future to a concurrent one.
template <class R>
class ExecutorFuture final : public FutureState<R>, public WorkWaiter {
public:
    ExecutorFuture(EventLoop& loop, std::shared_ptr<WorkResult<R>> work) : loop_(&loop), work_(std::move(work)) {
        work_->set_waiter(this);
        // _chain_future's first done callback, so it runs before the awaiting task's wakeup.
        this->add_done_callback(&check_cancel_);
    }
    ~ExecutorFuture() { work_->set_waiter(nullptr); }

    // _set_state / _copy_future_state: nothing if this future was cancelled meanwhile.
    void on_work_done(Work&) override {
        if (this->done()) return;
        if (work_->state() == Work::State::Cancelled) {
            this->cancel();
        } else if (work_->error()) {
            this->set_error(work_->error());
        } else {
            this->value.emplace(std::move(*work_->value));
            this->set_done();
        }
    }

private:
    // _call_check_cancel: a cancelled future cancels the work if it has not started;
    // the cancelled concurrent future then reports back, as in asyncio.
    static void check_cancel(void* self) {
        auto* f = static_cast<ExecutorFuture*>(self);
        if (f->cancelled() && f->work_->cancel()) f->work_->complete(*f->loop_);
    }

    EventLoop* loop_;
    std::shared_ptr<WorkResult<R>> work_;
    Callback check_cancel_{&ExecutorFuture::check_cancel, this};
};

template <class F, class... Args>
auto submit_work(const std::shared_ptr<Executor>& executor, WorkTime time, F&& f, Args&&... args) {
    using R = std::invoke_result_t<std::decay_t<F>&, std::decay_t<Args>&...>;
    auto call = [fn = std::forward<F>(f), ... a = std::forward<Args>(args)]() mutable -> R {
        return std::invoke(fn, a...);
    };
    EventLoop& loop = EventLoop::get();
    auto work = std::make_shared<WorkOf<R, decltype(call)>>(time.ns, std::move(call));
    auto state = std::make_shared<ExecutorFuture<R>>(loop, work);
    (executor ? executor : loop.default_executor())->submit(std::move(work));
    return Future<R>(std::move(state));
}

template <class F>
concept NotWorkTime = !std::is_same_v<std::decay_t<F>, WorkTime>;

}  // namespace detail

// loop.run_in_executor(executor, func, *args): submits now; nullptr is the loop's default
// executor. The returned future is cancelled by cancelling the task that awaits it.
template <class F, class... Args>
    requires detail::NotWorkTime<F> && std::invocable<std::decay_t<F>&, std::decay_t<Args>&...>
auto run_in_executor(const std::shared_ptr<Executor>& executor, F&& f, Args&&... args) {
    return detail::submit_work(executor, WorkTime{}, std::forward<F>(f), std::forward<Args>(args)...);
}
template <class F, class... Args>
    requires std::invocable<std::decay_t<F>&, std::decay_t<Args>&...>
auto run_in_executor(const std::shared_ptr<Executor>& executor, WorkTime time, F&& f, Args&&... args) {
    return detail::submit_work(executor, time, std::forward<F>(f), std::forward<Args>(args)...);
}

// asyncio.to_thread(func, *args): a coroutine (await it, or give it to create_task/gather)
// that submits when it first runs and returns func's value.
template <class F, class... Args>
    requires detail::NotWorkTime<F> && std::invocable<F&, Args&...>
Task<std::invoke_result_t<F&, Args&...>> to_thread(F f, Args... args) {
    co_return co_await run_in_executor(nullptr, std::move(f), std::move(args)...);
}
template <class F, class... Args>
    requires std::invocable<F&, Args&...>
Task<std::invoke_result_t<F&, Args&...>> to_thread(WorkTime time, F f, Args... args) {
    co_return co_await run_in_executor(nullptr, time, std::move(f), std::move(args)...);
}

}  // namespace aio
