// Executors: where run_in_executor and to_thread send a blocking function, as
// asyncio hands it to a concurrent.futures executor.
//
// An aio::Work is one submitted call with the state of a concurrent.futures.Future
// (pending, running, finished, cancelled): cancel() succeeds only while the call
// has not started. An Executor runs the call on some thread and hands the Work back
// on the loop's thread with Work::complete(loop), from where its outcome reaches the
// awaiting future one loop iteration later (asyncio's call_soon_threadsafe(_set_state)).
//
// The loop's default executor is a VirtualExecutor: it runs the call on the loop's
// own thread when a worker is free and completes it after the call's *virtual*
// duration (what it declared with aio::takes, plus every aio::blocking_sleep it made),
// so that virtual-time runs stay deterministic. The Qt driver installs a real thread
// pool instead (qtaio::ThreadPoolExecutor, on QThreadPool::globalInstance()).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <memory>

namespace aio {

class EventLoop;
class Work;

namespace detail {
// The loop-side end of a Work (the future run_in_executor returned). Touched only on
// the loop's thread.
struct WorkWaiter {
    virtual void on_work_done(Work& work) = 0;

protected:
    ~WorkWaiter() = default;
};

// The Work the VirtualExecutor is running on this thread right now: blocking_sleep()
// inside it adds to the work's virtual duration instead of holding the loop.
constinit inline thread_local Work* tl_virtual_work = nullptr;
}  // namespace detail

class Work : public std::enable_shared_from_this<Work> {
public:
    enum class State : std::uint8_t { Pending, Running, Finished, Cancelled };

    explicit Work(std::int64_t declared_ns) noexcept : virtual_ns_(declared_ns) {}
    Work(const Work&) = delete;
    Work& operator=(const Work&) = delete;
    virtual ~Work() = default;

    // --- any thread
    State state() const noexcept { return state_.load(std::memory_order_acquire); }
    // concurrent.futures.Future.set_running_or_notify_cancel: false if the work was
    // cancelled before a worker took it (skip it then).
    bool set_running_or_notify_cancel() noexcept;
    // concurrent.futures.Future.cancel: only work that has not started can be cancelled.
    bool cancel() noexcept;
    // On the worker, after set_running_or_notify_cancel(): calls the function and keeps its
    // value or exception.
    void run() noexcept;

    // The work's length in virtual time (VirtualExecutor): declared with aio::takes, plus
    // what the function spent in aio::blocking_sleep.
    std::int64_t virtual_ns() const noexcept { return virtual_ns_; }
    void add_virtual_ns(std::int64_t ns) noexcept { virtual_ns_ += ns; }

    // --- the loop's thread
    // After run() returned (or a successful cancel()): the outcome is delivered to the
    // waiting future in the next iteration; nothing happens if nobody waits any more.
    void complete(EventLoop& loop);
    void set_waiter(detail::WorkWaiter* waiter) noexcept { waiter_ = waiter; }
    const std::exception_ptr& error() const noexcept { return error_; }

protected:
    // Calls the function and stores its value; an exception is kept by run().
    virtual void invoke() = 0;

private:
    std::atomic<State> state_{State::Pending};
    std::int64_t virtual_ns_;
    std::exception_ptr error_;
    detail::WorkWaiter* waiter_ = nullptr;
};

// concurrent.futures.Executor, reduced to what the loop needs.
class Executor {
public:
    virtual ~Executor() = default;
    // Called on the loop's thread. Run `work` when a worker is free: skip it if
    // set_running_or_notify_cancel() says it was cancelled, otherwise run() it; then
    // call work->complete(loop) on the loop's thread.
    virtual void submit(std::shared_ptr<Work> work) = 0;
};

// The virtual-time executor: a pool of `max_workers` (0: one worker per work item, all
// at once). A work item runs on the loop's thread when a worker takes it and completes
// after its virtual duration; equal completion times keep the submission order. Work
// waiting for a worker can be cancelled and is then skipped.
class VirtualExecutor final : public Executor, public std::enable_shared_from_this<VirtualExecutor> {
public:
    explicit VirtualExecutor(std::size_t max_workers = 0) noexcept : max_workers_(max_workers) {}
    void submit(std::shared_ptr<Work> work) override;

private:
    void start_waiting();
    bool start(const std::shared_ptr<Work>& work);
    void finished(const std::shared_ptr<Work>& work);

    std::size_t max_workers_;
    std::size_t busy_ = 0;
    std::deque<std::shared_ptr<Work>> waiting_;
};

}  // namespace aio
