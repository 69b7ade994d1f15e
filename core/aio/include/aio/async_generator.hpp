// aio::AsyncGenerator<T>: Python's async generator, a coroutine that both awaits and yields.
//
//     aio::AsyncGenerator<Page> stream_pages(int n) {      // async def stream_pages(n):
//         for (int i = 0; i < n; ++i) {                     //     for i in range(n):
//             co_await aio::sleep(0.1);                     //         await asyncio.sleep(0.1)
//             co_yield Page{i};                             //         yield Page(i)
//         }
//     }
//
//     auto pages = stream_pages(5);                         // pages = stream_pages(5)
//     while (auto page = co_await pages.next()) {           // async for page in pages:
//         use(*page);                                       //     use(page)
//     }
//     co_await pages.aclose();                              // await pages.aclose()
//
// | Python                                   | aio                                               |
// | ---------------------------------------- | ------------------------------------------------- |
// | `await anext(gen)` / `gen.__anext__()`   | `co_await gen.next()`: a `std::optional<T>`       |
// | `StopAsyncIteration` (the end)           | an empty optional                                 |
// | `async for x in gen: ...`                | `while (auto x = co_await gen.next()) { ... }`    |
// | `await gen.aclose()`                     | `co_await gen.aclose()`                           |
// | `await gen.athrow(exc)`                  | `co_await gen.athrow(std::make_exception_ptr(e))` |
// | `GeneratorExit` (raised at the `yield`)  | `aio::GeneratorExit` (raised at the `co_yield`)   |
// | `async with contextlib.aclosing(gen) as g:` | `co_await aio::aclosing(gen, [&](auto& g) -> aio::Task<> {...})` |
// | `@asynccontextmanager` + `async with cm() as x:` | `co_await aio::async_with(cm(), [&](X& x) -> aio::Task<> {...})` |
//
// Semantics are CPython 3.11's:
// - The generator has no task of its own: next() runs it inline in the awaiting task until its
//   next co_yield (symmetric transfer, no loop iteration), so its awaits are that task's waits
//   (the trace shows them in the consumer's lane, at the generator's line). Nothing runs before
//   the first next().
// - An exception leaving the generator comes out of the next() (or aclose()/athrow()) that ran
//   it; the generator is finished after that (the next next() is empty).
// - aclose() raises GeneratorExit at the suspended co_yield; cleanup (a catch of
//   aio::GeneratorExit that rethrows, or a scope guard) may await. A generator that was never
//   started, or has finished, is just marked closed. A co_yield during the close is a
//   RuntimeError("async generator ignored GeneratorExit"), as in Python.
// - A cancellation of the consuming task while it awaits inside the generator is raised there,
//   as CancelledError; cleanup runs and the CancelledError comes out of next().
// - Dropped while suspended at a co_yield (a loop left with `break` and never closed): like
//   asyncio's asyncgen finalizer hook, the destructor hands the frame to the running loop,
//   which creates a task "Task-N" one iteration later to run aclose() (CPython does exactly
//   this when the last reference to the generator goes). So the cleanup runs late and in
//   another task, never in the consumer: close what you leave (aclose, aio::aclosing).
//   Without a running loop, or when that task never gets to run (the loop is shutting down),
//   the frame is destroyed: destructors run, but nothing can be awaited. asyncio.run's
//   shutdown_asyncgens() has no twin in aio::run: in C++ the generator's owner ends its life
//   (RAII), so a generator still open when aio::run returns is one whose owner outlives it.
#pragma once

#include "aio/call_soon.hpp"
#include "aio/errors.hpp"
#include "aio/event_loop.hpp"
#include "aio/task.hpp"

#include <concepts>
#include <coroutine>
#include <exception>
#include <optional>
#include <source_location>
#include <type_traits>
#include <utility>

namespace aio {

// Python's GeneratorExit, a BaseException: like CancelledError it does not derive from
// std::exception, so `catch (const std::exception&)` does not swallow a close.
class GeneratorExit {
public:
    const char* what() const noexcept { return "GeneratorExit"; }
};

template <class T>
class AsyncGenerator;

namespace detail {

struct AsyncGenPromiseBase {
    // Created: not started. Suspended: at a co_yield. Running: inside (maybe waiting at an
    // await of the consumer's task). Finished: returned, raised, or closed.
    enum class State : unsigned char { Created, Suspended, Running, Finished };
    State state = State::Created;
    bool iterated = false;             // asyncio's firstiter hook ran (next/athrow/aclose was called)
    bool closed = false;               // Python's ag_closed: aclose() was called
    bool finalizer_scheduled = false;  // the destructor handed the frame to the loop
    std::coroutine_handle<> consumer;  // who resumed us (resumed again at co_yield and at the end)
    std::exception_ptr error;          // what left the body, for the awaiter that ran it
    std::exception_ptr throw_in;       // raised at the co_yield when resumed (aclose, athrow)

    std::suspend_always initial_suspend() noexcept { return {}; }

    struct FinalAwaiter {
        bool await_ready() noexcept { return false; }
        template <class P>
        std::coroutine_handle<> await_suspend(std::coroutine_handle<P> h) noexcept {
            auto& p = h.promise();
            p.state = State::Finished;
            return p.consumer ? p.consumer : std::noop_coroutine();
        }
        void await_resume() noexcept {}
    };
    FinalAwaiter final_suspend() noexcept { return {}; }

    void unhandled_exception() noexcept { error = std::current_exception(); }
    void return_void() noexcept {}

    struct YieldAwaiter {
        AsyncGenPromiseBase& p;
        bool await_ready() noexcept { return false; }
        std::coroutine_handle<> await_suspend(std::coroutine_handle<>) noexcept {
            p.state = State::Suspended;
            return p.consumer;
        }
        void await_resume() {
            if (p.throw_in) std::rethrow_exception(std::exchange(p.throw_in, nullptr));
        }
    };

    // As in Task: each co_await records its line, so the consumer's task shows where it waits.
    template <class A>
    auto await_transform(A&& awaitable, std::source_location site = std::source_location::current()) {
        tl_await_site = site;
        if constexpr (requires { static_cast<A&&>(awaitable).operator co_await(); }) {
            return static_cast<A&&>(awaitable).operator co_await();
        } else {
            return AwaiterRef<std::remove_reference_t<A>>{awaitable};
        }
    }

    // Resume the frame from `from` (an awaiter's await_suspend).
    std::coroutine_handle<> enter(std::coroutine_handle<> from, std::coroutine_handle<> frame) noexcept {
        consumer = from;
        state = State::Running;
        return frame;
    }
};

template <class T>
struct AsyncGenPromise final : AsyncGenPromiseBase {
    AsyncGenerator<T> get_return_object() noexcept;

    template <class U = T>
        requires std::constructible_from<T, U&&>
    YieldAwaiter yield_value(U&& v) {
        value.emplace(std::forward<U>(v));
        return YieldAwaiter{*this};
    }

    std::optional<T> value;
};

}  // namespace detail

template <class T>
class [[nodiscard]] AsyncGenerator {
public:
    using promise_type = detail::AsyncGenPromise<T>;
    using handle_type = std::coroutine_handle<promise_type>;
    using State = detail::AsyncGenPromiseBase::State;

    AsyncGenerator() noexcept = default;
    explicit AsyncGenerator(handle_type h) noexcept : h_(h) {}
    AsyncGenerator(AsyncGenerator&& o) noexcept : h_(std::exchange(o.h_, {})) {}
    AsyncGenerator& operator=(AsyncGenerator&& o) noexcept {
        if (this != &o) {
            drop(std::exchange(h_, std::exchange(o.h_, {})));
        }
        return *this;
    }
    AsyncGenerator(const AsyncGenerator&) = delete;
    AsyncGenerator& operator=(const AsyncGenerator&) = delete;
    ~AsyncGenerator() { drop(std::exchange(h_, {})); }

    explicit operator bool() const noexcept { return static_cast<bool>(h_); }
    // Not started, or suspended at a co_yield: next() may run it.
    bool suspended() const noexcept { return h_ && h_.promise().state == State::Suspended; }
    bool running() const noexcept { return h_ && h_.promise().state == State::Running; }  // ag_running
    bool finished() const noexcept { return !h_ || h_.promise().state == State::Finished; }

    // `await anext(gen)`: runs the generator to its next co_yield; empty at its end
    // (StopAsyncIteration). An exception of the generator comes out here.
    class NextAwaiter {
    public:
        explicit NextAwaiter(handle_type h) noexcept : h_(h) {}
        bool await_ready() {
            if (!h_) return true;
            auto& p = h_.promise();
            if (p.state == State::Running) throw RuntimeError("anext(): asynchronous generator is already running");
            p.iterated = true;
            return p.state == State::Finished;
        }
        std::coroutine_handle<> await_suspend(std::coroutine_handle<> from) noexcept {
            h_.promise().value.reset();
            return h_.promise().enter(from, h_);
        }
        std::optional<T> await_resume() {
            if (!h_) return std::nullopt;
            auto& p = h_.promise();
            if (p.error) std::rethrow_exception(std::exchange(p.error, nullptr));
            if (p.state == State::Finished) return std::nullopt;
            std::optional<T> out = std::move(p.value);
            p.value.reset();
            return out;
        }

    private:
        handle_type h_;
    };
    NextAwaiter next() noexcept { return NextAwaiter(h_); }

    // `await gen.athrow(exc)` and `await gen.aclose()`: raise at the suspended co_yield and run
    // the generator until it yields again (athrow: that value) or ends.
    class ThrowAwaiter {
    public:
        ThrowAwaiter(handle_type h, std::exception_ptr error, bool closing) noexcept
            : h_(h), error_(std::move(error)), closing_(closing) {}
        bool await_ready() {
            if (!h_) return true;
            auto& p = h_.promise();
            if (p.state == State::Running) {
                throw RuntimeError(closing_ ? "aclose(): asynchronous generator is already running"
                                            : "athrow(): asynchronous generator is already running");
            }
            p.iterated = true;
            if (closing_) p.closed = true;
            if (p.state == State::Suspended) return false;
            // Not started or finished: the body does not run. A fresh generator is closed by
            // it; athrow's exception is raised here (Python throws it into the unstarted frame,
            // which raises it at once).
            p.state = State::Finished;
            if (!closing_) std::rethrow_exception(error_);
            return true;
        }
        std::coroutine_handle<> await_suspend(std::coroutine_handle<> from) noexcept {
            auto& p = h_.promise();
            p.value.reset();
            p.throw_in = error_;
            return p.enter(from, h_);
        }
        std::optional<T> await_resume() {
            if (!h_) return std::nullopt;
            auto& p = h_.promise();
            const std::exception_ptr error = std::exchange(p.error, nullptr);
            if (closing_) {
                if (p.state == State::Suspended) throw RuntimeError("async generator ignored GeneratorExit");
                if (error && !holds<GeneratorExit>(error)) std::rethrow_exception(error);
                return std::nullopt;
            }
            if (error) std::rethrow_exception(error);
            if (p.state == State::Finished) return std::nullopt;  // Python: StopAsyncIteration
            std::optional<T> out = std::move(p.value);
            p.value.reset();
            return out;
        }

    private:
        handle_type h_;
        std::exception_ptr error_;
        bool closing_;
    };
    ThrowAwaiter athrow(std::exception_ptr error) noexcept { return ThrowAwaiter(h_, std::move(error), false); }

    // `await gen.aclose()` (the value is always empty).
    struct CloseAwaiter : ThrowAwaiter {
        explicit CloseAwaiter(handle_type h) : ThrowAwaiter(h, std::make_exception_ptr(GeneratorExit{}), true) {}
        void await_resume() { ThrowAwaiter::await_resume(); }
    };
    CloseAwaiter aclose() { return CloseAwaiter(h_); }

private:
    // asyncio's _asyncgen_finalizer_hook: loop.call_soon_threadsafe(loop.create_task, agen.aclose()).
    static Task<> finalize(AsyncGenerator gen) { co_await gen.aclose(); }

    static void drop(handle_type h) noexcept {
        if (!h) return;
        auto& p = h.promise();
        EventLoop* loop = EventLoop::current();
        if (loop && p.state == State::Suspended && p.iterated && !p.closed && !p.finalizer_scheduled) {
            p.finalizer_scheduled = true;
            try {
                loop->call_soon([gen = AsyncGenerator(h)]() mutable { create_task(finalize(std::move(gen))); });
                return;
            } catch (...) {
                // no memory for the call: destroy the frame below
            }
        }
        h.destroy();
    }

    handle_type h_;
};

namespace detail {
template <class T>
AsyncGenerator<T> AsyncGenPromise<T>::get_return_object() noexcept {
    return AsyncGenerator<T>(std::coroutine_handle<AsyncGenPromise<T>>::from_promise(*this));
}
}  // namespace detail

// `async with contextlib.aclosing(gen) as g: body`: runs the body, then awaits gen.aclose()
// however the body ended (an exception of the body propagates after the close).
//
//     co_await aio::aclosing(pages, [&](aio::AsyncGenerator<Page>& g) -> aio::Task<> {
//         while (auto page = co_await g.next()) if (page->no == 2) break;
//     });
template <class T, class F>
Task<> aclosing(AsyncGenerator<T>& gen, F body) {
    std::exception_ptr error;
    try {
        co_await body(gen);
    } catch (...) {
        error = std::current_exception();  // C++ cannot co_await in a catch block
    }
    co_await gen.aclose();
    if (error) std::rethrow_exception(error);
}

// `@contextlib.asynccontextmanager` and `async with cm() as x: body`: the generator's one
// co_yield gives `x`; the code before it is __aenter__, the code after it __aexit__. An
// exception of the body is raised at the co_yield (athrow); if the generator swallows it
// and ends, it is suppressed, as in contextlib.
//
//     aio::AsyncGenerator<Conn*> connection(Pool& pool) {   // @asynccontextmanager
//         Conn* c = co_await pool.get();                      // async def connection(pool):
//         std::exception_ptr error;                           //     c = await pool.get()
//         try { co_yield c; } catch (...) { error = std::current_exception(); }
//         co_await pool.put(c);                               //     try: yield c
//         if (error) std::rethrow_exception(error);           //     finally: await pool.put(c)
//     }
//     co_await aio::async_with(connection(pool), [&](Conn*& c) -> aio::Task<> { ... });
template <class T, class F>
Task<> async_with(AsyncGenerator<T> cm, F body) {
    std::optional<T> entered = co_await cm.next();  // __aenter__
    if (!entered) throw RuntimeError("generator didn't yield");
    std::exception_ptr error;
    try {
        co_await body(*entered);
    } catch (...) {
        error = std::current_exception();
    }
    // __aexit__
    if (!error) {
        if (co_await cm.next()) throw RuntimeError("generator didn't stop");
        co_return;
    }
    std::exception_ptr raised;
    bool yielded_again = false;
    try {
        yielded_again = static_cast<bool>(co_await cm.athrow(error));
    } catch (...) {
        raised = std::current_exception();
    }
    if (raised) std::rethrow_exception(raised);  // the body's exception, or another one
    if (yielded_again) throw RuntimeError("generator didn't stop after athrow()");
    // The generator ended without raising: the exception is suppressed.
}

}  // namespace aio
