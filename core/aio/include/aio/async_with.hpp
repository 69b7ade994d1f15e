// `async with lock:` for aio: `auto held = co_await aio::async_with(lock);`
// acquires, and the returned guard releases at the end of the scope.
#pragma once

#include <coroutine>
#include <utility>

namespace aio {

template <class Lockable>
class [[nodiscard]] Held {
public:
    explicit Held(Lockable& l) noexcept : lock_(&l) {}
    Held(Held&& o) noexcept : lock_(std::exchange(o.lock_, nullptr)) {}
    Held(const Held&) = delete;
    ~Held() {
        if (lock_) lock_->release();
    }
    // Release early (the end of the `async with` block).
    void release() {
        if (lock_) std::exchange(lock_, nullptr)->release();
    }

private:
    Lockable* lock_;
};

template <class Lockable>
class AsyncWith {
public:
    explicit AsyncWith(Lockable& l) : lock_(l), inner_(l.acquire()) {}
    bool await_ready() { return inner_.await_ready(); }
    void await_suspend(std::coroutine_handle<> h) { inner_.await_suspend(h); }
    Held<Lockable> await_resume() {
        inner_.await_resume();
        return Held<Lockable>(lock_);
    }

private:
    Lockable& lock_;
    typename Lockable::AcquireAwaiter inner_;
};

template <class Lockable>
AsyncWith<Lockable> async_with(Lockable& l) {
    return AsyncWith<Lockable>(l);
}

}  // namespace aio
