// Never block the event loop: a heartbeat ticks every TICK seconds and says how late each tick
// came, while a handler serves three requests of WORK seconds each, one after the other.
// aio::blocking_sleep is Python's time.sleep: any blocking call (requests.get, a database driver
// without async, a file read on a slow disk). The C++ twin of lesson.py.
#include <aio/aio.hpp>
#include <lessons/facts.hpp>
#include <lessons/format.hpp>
#include <lessons/lesson.hpp>

#include <algorithm>
#include <cmath>
#include <string>

namespace lessons::blocking {

constexpr double REPLY = 0.25;  // seconds that sending an answer takes

// Python's module globals. C++ keeps one set per thread and resets it in scenario(), because
// the app runs the scenario many times in one process.
thread_local double WORK = 1.0;          // seconds that each request takes
thread_local double TICK = 0.1;          // seconds between two ticks of the heartbeat
thread_local bool PITFALL = false;       // requests 2 and 3 call blocking_sleep right in the coroutine
thread_local int ticks = 0;              // ticks so far
thread_local int late_ticks = 0;         // ticks that came more than a whole TICK late
thread_local double longest_gap = 0.0;   // the longest time between two ticks, seconds

aio::Task<void> heartbeat() {
    // Sleeps TICK seconds, again and again, and measures how much longer it really took:
    // the loop's lag. Only a loop that is free can wake it on time.
    while (true) {
        const double before = aio::time();
        co_await aio::sleep(TICK);  // @tick
        const double gap = aio::time() - before;
        const long late_ms = std::lround((gap - TICK) * 1000);
        ticks += 1;
        longest_gap = std::max(longest_gap, gap);
        if (late_ms > TICK * 1000) late_ticks += 1;
        aio::log(format("tick %d (%ld ms late)", ticks, late_ms));
        lessons::note("tick", "heartbeat", static_cast<double>(late_ms));
        lessons::note("gap", "heartbeat", gap);
    }
}

aio::Task<void> handle(int number) {
    if (number == 1) {
        co_await aio::sleep(WORK);  // waiting the asyncio way: the loop runs the others meanwhile  // @async-sleep
    } else if (PITFALL) {
        aio::blocking_sleep(WORK);  // the pitfall: a blocking call holds the whole event loop  // @blocking
        lessons::note("blocked", "handler", WORK);
    } else if (number == 2) {
        co_await aio::to_thread(aio::blocking_sleep, WORK);  // a worker thread blocks, the loop goes on  // @to_thread
    } else {
        co_await aio::run_in_executor(nullptr, aio::blocking_sleep, WORK);  // the same, older spelling  // @run_in_executor
    }
}

aio::Task<void> handler() {
    const char* ways[] = {"", "asyncio.sleep", "asyncio.to_thread", "loop.run_in_executor"};
    for (int number = 1; number <= 3; ++number) {
        const char* way = PITFALL && number > 1 ? "time.sleep in the coroutine" : ways[number];
        aio::log(format("request %d: %s", number, way));
        const double start = aio::time();
        co_await handle(number);  // @handle
        aio::log(format("request %d: answer ready after %.3f s", number, aio::time() - start));
        lessons::note("answered", "handler", number);
        co_await aio::sleep(REPLY);  // sending the answer over the network  // @reply
    }
}

aio::Task<void> scenario(const Params& p, bool pitfall) {
    WORK = p["work"];
    TICK = p["tick"];
    PITFALL = pitfall;
    ticks = late_ticks = 0;
    longest_gap = 0.0;
    // Debug mode, as asyncio.run(main(), debug=True) or `python3 -X dev` would turn it on.
    aio::get_running_loop().set_debug(p.integer("debug") != 0);  // @debug
    auto beat = aio::create_task(heartbeat(), "heartbeat");  // @create-heartbeat
    co_await aio::create_task(handler(), "handler");  // @create-handler
    beat.cancel();  // every request is served: stop the heartbeat  // @cancel
    try {
        co_await beat;  // @stop
    } catch (const aio::CancelledError&) {
    }
    aio::log(format("%d ticks, longest gap %.3f s, %d more than a tick late", ticks, longest_gap, late_ticks));
    lessons::note("ticks", "heartbeat", ticks);
    lessons::note("late-ticks", "heartbeat", late_ticks);
    lessons::note("longest-gap", "heartbeat", longest_gap);
}

}  // namespace lessons::blocking
