// aio::Task<T>: a lazy coroutine. Awaited directly it runs inline in the
// current task, like `await coro()` in Python; given to create_task it becomes
// a scheduled task (asyncio.Task) whose handle can be copied, awaited, cancelled.
#pragma once

#include "aio/detail/task_core.hpp"
#include "aio/detail/describe.hpp"
#include "aio/detail/frame_allocator.hpp"
#include "aio/errors.hpp"

#include <coroutine>
#include <optional>
#include <source_location>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>
#include <compare>
#include <concepts>

namespace aio {

template <class T = void>
class Task;

namespace detail {

template <class A>
struct AwaiterRef {
    A& a;
    bool await_ready() { return a.await_ready(); }
    template <class H>
    auto await_suspend(H h) {
        return a.await_suspend(h);
    }
    decltype(auto) await_resume() { return a.await_resume(); }
};

struct PromiseBase : TaskCore {
    // The default argument names the coroutine function (for "never awaited").
    explicit PromiseBase(std::source_location fn) noexcept { set_created_at(fn); }

    // The coroutine frame comes from the frame allocator (size-class free lists, huge-page
    // chunks); the compiler passes the frame's size back to delete.
    static void* operator new(std::size_t size) { return allocate_frame(size); }
    static void operator delete(void* frame, std::size_t size) noexcept { free_frame(frame, size); }

    std::suspend_always initial_suspend() noexcept { return {}; }

    struct FinalAwaiter {
        bool await_ready() noexcept { return false; }
        template <class P>
        std::coroutine_handle<> await_suspend(std::coroutine_handle<P> h) noexcept {
            return h.promise().on_final(&P::result_text_of);
        }
        void await_resume() noexcept {}
    };
    FinalAwaiter final_suspend() noexcept { return {}; }

    std::coroutine_handle<> on_final(ResultText result_text) noexcept {
        if (is_task()) {
            finish_task(threw_cancelled_, result_text);
            return std::noop_coroutine();
        }
        const std::coroutine_handle<> next = continuation();
        return next ? next : std::noop_coroutine();
    }

    void unhandled_exception() noexcept {
        if (is_task()) {
            try {
                throw;
            } catch (const CancelledError&) {
                set_raised(std::current_exception(), true);
            } catch (...) {
                set_raised(std::current_exception(), false);
            }
        } else {
            error_ = std::current_exception();
        }
    }

    // Every co_await in a Task records where it is (shown by the code panel and the
    // deadlock report): a defaulted source_location here is the co_await's line.
    // The awaiter is passed on by reference, so awaiters never move (their timer
    // and waiter nodes point at themselves).
    template <class A>
    auto await_transform(A&& awaitable, std::source_location site = std::source_location::current()) {
        tl_await_site = site;
        if constexpr (requires { static_cast<A&&>(awaitable).operator co_await(); }) {
            return static_cast<A&&>(awaitable).operator co_await();
        } else {
            return AwaiterRef<std::remove_reference_t<A>>{awaitable};
        }
    }

};

template <class T>
struct Promise final : PromiseBase {
    explicit Promise(std::source_location fn = std::source_location::current()) noexcept : PromiseBase(fn) {}
    Task<T> get_return_object() noexcept;
    template <class U>
    void return_value(U&& v) noexcept(std::is_nothrow_constructible_v<T, U&&>) {
        value.emplace(std::forward<U>(v));
    }
    static std::string result_text_of(const TaskCore& core) {
        const auto& self = static_cast<const Promise&>(core);
        return self.value ? describe_value(*self.value) : std::string();
    }
    std::optional<T> value;
};

template <>
struct Promise<void> final : PromiseBase {
    explicit Promise(std::source_location fn = std::source_location::current()) noexcept : PromiseBase(fn) {}
    Task<void> get_return_object() noexcept;
    void return_void() noexcept {}
    static std::string result_text_of(const TaskCore&) { return {}; }
};

}  // namespace detail

// The result type a Task<void> gives inside tuples and vectors.
template <class T>
using result_t = std::conditional_t<std::is_void_v<T>, std::monostate, T>;

template <class T>
class Task {
public:
    using promise_type = detail::Promise<T>;
    using handle_type = std::coroutine_handle<promise_type>;
    using value_type = T;

    Task() noexcept = default;
    explicit Task(handle_type h) noexcept : h_(h) {
        if (h_) h_.promise().add_ref();
    }
    Task(const Task& o) noexcept : h_(o.h_) {
        if (h_) h_.promise().add_ref();
    }
    Task(Task&& o) noexcept : h_(std::exchange(o.h_, {})) {}
    Task& operator=(Task o) noexcept {
        std::swap(h_, o.h_);
        return *this;
    }
    ~Task() {
        if (h_) h_.promise().release();
    }

    explicit operator bool() const noexcept { return static_cast<bool>(h_); }
    bool done() const noexcept { return h_.promise().done(); }
    bool cancelled() const noexcept { return h_.promise().cancelled(); }
    // Task.cancel(msg): the message travels in the CancelledError (empty: None).
    bool cancel(std::string_view msg = {}) { return h_.promise().cancel(msg); }
    int cancelling() const noexcept { return h_.promise().cancelling(); }
    int uncancel() noexcept { return h_.promise().uncancel(); }
    const std::string& name() const { return h_.promise().name(); }
    // Task.get_name() / set_name() (the trace keeps the name the task was created with).
    const std::string& get_name() const { return h_.promise().name(); }
    void set_name(std::string name) { h_.promise().set_name(std::move(name)); }
    std::uint32_t id() const noexcept { return h_.promise().id; }
    bool is_scheduled() const noexcept { return h_.promise().is_task(); }

    // Task.add_done_callback(fn): fn(task) runs from the loop (call_soon) once the task is done,
    // at once (next iteration) if it is done already; callbacks run in the order they were added.
    // The callback holds a handle on the task until it has run, as asyncio's does. The
    // background-task idiom (the set keeps each task alive until it is done):
    //     background.insert(t);
    //     t.add_done_callback([&background](const aio::Task<>& t) { background.erase(t); });
    template <class F>
        requires std::invocable<F&, const Task&>
    void add_done_callback(F fn) {
        struct Node final : detail::DoneCallbackNode {
            Node(Task t, F f) : task(std::move(t)), fn(std::move(f)) {}
            void invoke() override { fn(std::as_const(task)); }
            Task task;
            F fn;
        };
        h_.promise().add_done_callback(new Node(*this, std::move(fn)));
    }

    // Handles compare by the task they name (Python compares tasks by identity), so they can
    // live in a std::set or a std::map.
    friend bool operator==(const Task& a, const Task& b) noexcept { return a.h_ == b.h_; }
    friend auto operator<=>(const Task& a, const Task& b) noexcept {
        return std::compare_three_way{}(a.h_.address(), b.h_.address());
    }

    // Task.exception(): the error it finished with (null if none); raises
    // InvalidStateError if not done and CancelledError if cancelled.
    std::exception_ptr exception() const {
        check_done();
        h_.promise().mark_retrieved();
        if (cancelled()) h_.promise().throw_cancelled();
        return h_.promise().exception_ptr();
    }
    // Task.result(): the value, or the task's exception rethrown.
    decltype(auto) result() const {
        check_done();
        auto& p = h_.promise();
        p.mark_retrieved();
        if (p.cancelled()) p.throw_cancelled();
        if (p.exception_ptr()) std::rethrow_exception(p.exception_ptr());
        if constexpr (!std::is_void_v<T>) return static_cast<const T&>(*p.value);
    }

    promise_type& promise() const noexcept { return h_.promise(); }
    detail::TaskCore* core() const noexcept { return h_ ? &h_.promise() : nullptr; }
    handle_type handle() const noexcept { return h_; }

    struct Awaiter {
        Task task;
        detail::TaskCore* waiter = nullptr;
        bool self_await = false;

        bool await_ready() {
            auto& p = task.promise();
            if (p.is_task()) return p.done();  // awaiting a finished task does not suspend
            if (p.consumed) throw RuntimeError("cannot reuse already awaited coroutine");
            p.consumed = true;
            return false;
        }
        std::coroutine_handle<> await_suspend(std::coroutine_handle<> h) {
            auto& p = task.promise();
            if (p.is_task()) {
                waiter = &detail::running_task();
                if (waiter == &p) {
                    // asyncio: Task.__step calls itself again with RuntimeError through
                    // call_soon, so the error comes one iteration later (a cancel meanwhile wins).
                    self_await = true;
                    waiter->yield_now(h);
                    return std::noop_coroutine();
                }
                waiter->suspend_on(&p, h, WaitKind::Task, p.id);
                return std::noop_coroutine();
            }
            p.set_continuation(h);  // run the coroutine inline, then come back (symmetric transfer)
            return task.h_;
        }
        T await_resume() {
            auto& p = task.promise();
            if (self_await) {
                waiter->throw_if_cancelled_now();
                throw RuntimeError("Task cannot await on itself");
            }
            if (p.is_task()) {
                p.mark_retrieved();  // Task.__wakeup calls future.result()
                if (waiter) waiter->throw_if_cancelled_now(p);
                if (p.cancelled()) p.throw_cancelled();
                if (p.exception_ptr()) std::rethrow_exception(p.exception_ptr());
                if constexpr (!std::is_void_v<T>) return *p.value;  // a task's result can be read many times
            } else {
                if (p.exception_ptr()) std::rethrow_exception(p.exception_ptr());
                if constexpr (!std::is_void_v<T>) return std::move(*p.value);
            }
        }
    };
    Awaiter operator co_await() const& noexcept { return Awaiter{*this}; }
    Awaiter operator co_await() && noexcept { return Awaiter{std::move(*this)}; }

private:
    void check_done() const {
        if (!h_.promise().done()) throw InvalidStateError("Result is not set.");
    }
    handle_type h_;
};

namespace detail {
template <class T>
Task<T> Promise<T>::get_return_object() noexcept {
    frame = std::coroutine_handle<Promise<T>>::from_promise(*this);
    return Task<T>(std::coroutine_handle<Promise<T>>::from_promise(*this));
}
inline Task<void> Promise<void>::get_return_object() noexcept {
    frame = std::coroutine_handle<Promise<void>>::from_promise(*this);
    return Task<void>(std::coroutine_handle<Promise<void>>::from_promise(*this));
}
}  // namespace detail

// asyncio.create_task: schedule the coroutine's first step; returns the task.
// Given a task that is already scheduled, returns it unchanged (ensure_future).
template <class T>
Task<T> create_task(Task<T> coro, std::string name = {},
                    std::source_location where = std::source_location::current()) {
    auto& p = coro.promise();
    if (p.is_task()) return coro;
    if (p.consumed || p.started()) throw RuntimeError("cannot reuse already awaited coroutine");
    p.start_as_task(EventLoop::get(), std::move(name), where);
    return coro;
}

namespace detail {
// loop.create_task(coro, name=...): as create_task, but a given name takes no "Task-N" number
// (aio::run's main task, as asyncio.Runner and the tests' virtual-clock loop create it).
template <class T>
Task<T> loop_create_task(Task<T> coro, std::string name) {
    auto& p = coro.promise();
    if (p.consumed || p.started()) throw RuntimeError("cannot reuse already awaited coroutine");
    p.start_as_task(EventLoop::get(), std::move(name), std::source_location::current(), false);
    return coro;
}
}  // namespace detail

// A type-erased reference to a running task (asyncio.current_task()).
class TaskRef {
public:
    explicit TaskRef(detail::TaskCore* core) noexcept : core_(core) {}
    const std::string& name() const { return core_->name(); }
    const std::string& get_name() const { return core_->name(); }
    void set_name(std::string name) { core_->set_name(std::move(name)); }
    std::uint32_t id() const noexcept { return core_->id; }
    bool done() const noexcept { return core_->done(); }
    bool cancelled() const noexcept { return core_->cancelled(); }
    bool cancel(std::string_view msg = {}) { return core_->cancel(msg); }
    int cancelling() const noexcept { return core_->cancelling(); }
    int uncancel() noexcept { return core_->uncancel(); }
    detail::TaskCore* core() const noexcept { return core_; }

private:
    detail::TaskCore* core_;
};

// The running task; throws RuntimeError("no running event loop") outside of one.
inline TaskRef current_task() { return TaskRef(&detail::running_task()); }

// asyncio.all_tasks(): the running loop's tasks that are not done yet, the running one
// included, in creation order (Python: a set). The loop keeps an unfinished task alive, so
// each reference is good until that task is done; keep a Task<T> to hold it longer.
inline std::vector<TaskRef> all_tasks() {
    std::vector<TaskRef> tasks;
    EventLoop& loop = EventLoop::get();
    tasks.reserve(loop.live_tasks());
    for (detail::TaskCore* t : loop.tasks()) tasks.emplace_back(t);
    return tasks;
}

}  // namespace aio
