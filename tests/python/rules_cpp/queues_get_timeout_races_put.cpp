// From CPython 3.11 Lib/test/test_asyncio/test_queues.py: QueueGetTests.test_get_cancelled_race
// and test_cancelled_getters_not_being_held_in_self_getters, with the timeout and the put in the
// same loop iteration. wait_for(q.get(), 0.1) and a put_nowait at t=0.1: if the put comes first,
// the woken get finishes before wait_for looks, and wait_for returns the item. If the timeout comes
// first, wait_for raises TimeoutError and the item is not lost: a getter waiting behind gets it
// (the cancelled get leaves the line), or it stays queued.
// convention: timer-ties: timers fall due at the same moment; CPython leaves their order open, vloop and aio fire them in creation order
#include "rule_registry.hpp"

#include <optional>

namespace {
using rules::log;

aio::Task<> getter(std::string name, aio::Queue<std::string>& q) {
    std::string item = co_await q.get();
    log(name, " got ", item);
}

aio::Task<std::string> get(aio::Queue<std::string>& q) { co_return co_await q.get(); }

aio::Task<> attempt(aio::Queue<std::string>& q, bool put_first, bool behind) {
    aio::EventLoop& loop = aio::get_running_loop();
    std::optional<aio::TimerHandle> h;
    if (put_first) h = loop.call_later(0.1, [&q] { q.put_nowait("x"); });
    auto t = aio::create_task(aio::wait_for(get(q), 0.1), "timed");
    co_await aio::sleep(0);  // wait_for starts the get in a task of its own
    std::optional<aio::Task<>> g;
    if (behind) g = aio::create_task(getter("behind", q), "behind");
    co_await aio::sleep(0);
    if (!put_first) h = loop.call_later(0.1, [&q] { q.put_nowait("x"); });
    try {
        auto item = co_await t;
        log("timed got ", item);
    } catch (const aio::TimeoutError&) {
        log("timed: ", rules::describe_current());
    }
    co_await aio::sleep(0);
    log("put_first=", put_first, " behind=", behind, ": qsize ", q.qsize(), " behind done() ",
        g ? (g->done() ? "True" : "False") : "None");
    if (g && !g->done()) {
        q.put_nowait("y");
        co_await *g;
    }
    while (!q.empty()) q.get_nowait();
}

AIO_RULE(queues_get_timeout_races_put) {
    aio::Queue<std::string> q;
    for (bool put_first : {true, false})
        for (bool behind : {false, true}) co_await attempt(q, put_first, behind);
}
}  // namespace
