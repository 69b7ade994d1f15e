// Entries of the loop's ready queue and timer heap. They live inside the
// objects that use them (task, awaiter in a coroutine frame), so scheduling
// and waiting allocate nothing; the destructor unhooks a handle still queued.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>

namespace aio {

// asyncio's Handle: a callback the loop runs once, from its ready queue.
struct Handle {
    using Fn = void (*)(void* ctx);

    Handle() = default;
    Handle(Fn f, void* c) : fn(f), ctx(c) {}
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    ~Handle() {
        if (ready_slot_) [[unlikely]] unqueue_from_loop();
    }

    bool queued() const noexcept { return ready_slot_ != 0; }

    Fn fn = nullptr;
    void* ctx = nullptr;
    // 1 + the absolute position in the loop's ready ring while queued, 0 otherwise
    // (one word: the flag and the position together).
    std::uint64_t ready_slot_ = 0;

private:
    void unqueue_from_loop() noexcept;  // future_core.cpp
};

// asyncio's TimerHandle: becomes ready when the loop time reaches `when`.
struct TimerNode : Handle {
    static constexpr std::size_t npos = std::numeric_limits<std::size_t>::max();

    TimerNode() = default;
    TimerNode(Fn f, void* c) : Handle(f, c) {}
    ~TimerNode() {
        if (armed()) [[unlikely]] disarm_in_loop();
    }

    bool armed() const noexcept { return heap_index_ != npos; }

    std::int64_t when = 0;
    std::uint64_t seq = 0;  // creation order: breaks ties between equal deadlines
    std::size_t heap_index_ = npos;

private:
    void disarm_in_loop() noexcept;  // future_core.cpp
};

}  // namespace aio
