// aio::run: asyncio.run for aio. Runs `main` as the first task, then cancels
// whatever is left (in creation order) and lets it clean up.
#pragma once

#include "aio/event_loop.hpp"
#include "aio/task.hpp"

#include <string>

namespace aio {

struct RunOptions {
    ClockKind clock = ClockKind::Virtual;
    TraceSink* sink = nullptr;
    LogSink* log_sink = nullptr;  // where the loop's lines go ("t=… line", warnings): log_sink.hpp
    std::string main_name = {};   // the main task's name (default "Task-1")
    bool debug = false;           // asyncio.run(main(), debug=True): report slow steps (EventLoop::set_debug)
    double slow_callback_duration = 0.1;  // loop.slow_callback_duration, in seconds
};

namespace detail {
// Runs an already created task to completion on `loop` (run_until_complete plus
// asyncio.run's shutdown). Throws DeadlockError if the loop stalls first.
void run_main(EventLoop& loop, TaskCore& main);
}  // namespace detail

template <class T>
T run(Task<T> main, RunOptions options = {}) {
    if (EventLoop::current()) throw RuntimeError("aio::run() cannot be called from a running event loop");
    EventLoop loop(options.clock);
    loop.set_sink(options.sink);
    loop.set_log_sink(options.log_sink);
    loop.set_debug(options.debug);
    loop.set_slow_callback_duration(options.slow_callback_duration);
    Task<T> task = detail::loop_create_task(std::move(main), options.main_name);
    detail::run_main(loop, *task.core());
    if constexpr (std::is_void_v<T>) {
        task.result();
    } else {
        T value = task.result();
        return value;
    }
}

}  // namespace aio
