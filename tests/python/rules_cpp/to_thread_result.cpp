// asyncio.to_thread: the function's value is the await's value. The loop goes on while the
// thread works (its blocking_sleep is the thread's time, not the loop's). Calls at once complete
// in the order of their durations, equal durations in the order they were submitted. The result
// comes back three loop iterations after the thread finished (executor, call_soon_threadsafe,
// the task's wakeup): the counter shows it.
// convention: timer-ties: timers fall due at the same moment; CPython leaves their order open, vloop and aio fire them in creation order
#include "rule_registry.hpp"

namespace {
using rules::log;

int compute(int x, double seconds) {
    aio::blocking_sleep(seconds);
    return x * 2;
}

aio::Task<> ticker() {
    for (int i = 0; i < 3; ++i) {
        log("tick ", i);
        co_await aio::sleep(0.2);
    }
}

aio::Task<> counter(std::shared_ptr<int> box) {
    while (true) {
        *box += 1;
        co_await aio::sleep(0);
    }
}

aio::Task<> job(std::string name, double seconds) {
    int v = co_await aio::to_thread(compute, static_cast<int>(name.size()), seconds);
    log(name, " done: ", v);
}

AIO_RULE(to_thread_result) {
    auto t = aio::create_task(ticker(), "ticker");
    int v = co_await aio::to_thread(compute, 21, 0.5);
    log("result ", v);
    co_await t;

    auto box = std::make_shared<int>(0);
    auto c = aio::create_task(counter(box), "counter");
    co_await aio::sleep(0);
    int before = *box;
    co_await aio::to_thread(compute, 1, 0.0);
    log("iterations while waiting: ", *box - before);
    c.cancel();

    co_await aio::gather(job("aaa", 0.3), job("b", 0.1), job("cc", 0.3), job("dddd", 0), job("e", 0.1));
    log("all done");
}
}  // namespace
