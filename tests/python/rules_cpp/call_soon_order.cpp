// loop.call_soon / call_later / call_at: call_soon goes to the end of the ready queue (behind
// the task steps already there) and runs in the next iteration; timers fire in (deadline,
// creation order), together with sleeps; a cancelled handle never runs; what a callback
// schedules runs one iteration later. cancel() after the call still marks the handle.
// convention: timer-ties: timers fall due at the same moment; CPython leaves their order open, vloop and aio fire them in creation order
#include "rule_registry.hpp"

namespace {
using rules::fmt3;
using rules::log;

aio::Task<> ticker() {
    for (int i = 0; i < 3; ++i) {
        log("ticker ", i);
        co_await aio::sleep(0);
    }
}

aio::Task<> sleeper(double delay) {
    co_await aio::sleep(delay);
    log("sleeper woke after ", delay);
}

void outer(aio::EventLoop& loop) {
    log("outer callback");
    loop.call_soon([] { log("inner callback"); });
}

AIO_RULE(call_soon_order) {
    aio::EventLoop& loop = aio::get_running_loop();
    aio::create_task(ticker(), "ticker");
    loop.call_soon([] { log("soon 1"); });
    aio::CallbackHandle h = loop.call_soon([] { log("soon 2 (not reached)"); });
    loop.call_soon([] { log("soon 3"); });
    h.cancel();
    log("h.cancelled() ", h.cancelled());
    co_await aio::sleep(0);
    log("main after one iteration");

    aio::TimerHandle t1 = loop.call_later(0.5, [] { log("later 0.5"); });
    aio::create_task(sleeper(0.5), "sleeper");
    aio::TimerHandle t2 = loop.call_at(loop.time() + 0.5, [] { log("at now+0.5"); });
    aio::TimerHandle t3 = loop.call_later(0.2, [] { log("later 0.2 (not reached)"); });
    t3.cancel();
    loop.call_later(0.1, [&loop] { outer(loop); });
    log("t1.when() ", fmt3(t1.when()), ", t2.when() ", fmt3(t2.when()), ", t3.cancelled() ", t3.cancelled());
    co_await aio::sleep(1);
    log("t1.cancelled() ", t1.cancelled());
    t1.cancel();
    log("t1.cancelled() after cancel() ", t1.cancelled());

    auto fut = aio::create_future<std::string>();
    loop.call_later(0.3, [fut]() mutable { fut.set_result("from a timer"); });
    log("awaited: ", co_await fut);
}
}  // namespace
