// Event loop and coroutines: three steps awaited one after the other, and what a
// forgotten co_await does. The C++ twin of lesson.py.
#include <aio/aio.hpp>
#include <lessons/facts.hpp>
#include <lessons/format.hpp>
#include <lessons/lesson.hpp>

#include <string>

namespace lessons::event_loop {

// A coroutine function: calling it only creates a coroutine (aio::Task is lazy).
// The body runs when someone co_awaits it.
aio::Task<void> step(std::string name, double delay) {
    aio::log(lessons::format("%s starts, needs %.1f s", name.c_str(), delay));
    lessons::note("step-starts", name, delay);
    co_await aio::sleep(delay);  // main pauses here; the event loop is free meanwhile  // @sleep
    aio::log(lessons::format("%s done", name.c_str()));
    lessons::note("step-done", name);
}

aio::Task<void> scenario(const lessons::Params& p, bool pitfall) {
    const double start = aio::time();
    // co_await runs a coroutine to its end before the next line starts.
    co_await step("step-a", p["delay_a"]);  // @step-a
    if (pitfall) {
        // Forgotten co_await: this only creates a coroutine, which is destroyed
        // unrun (aio warns on stderr: "coroutine 'step' was never awaited").
        step("step-b", p["delay_b"]);  // @no-await
        aio::log("step-b was called without await");
    } else {
        co_await step("step-b", p["delay_b"]);  // @step-b
    }
    co_await step("step-c", p["delay_c"]);  // @step-c
    // One after the other: the waiting times add up.
    aio::log(lessons::format("total %.3f s", aio::time() - start));
    lessons::note("total", "main", aio::time() - start);
}

}  // namespace lessons::event_loop
