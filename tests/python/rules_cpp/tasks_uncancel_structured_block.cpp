// A hand-made timeout built on uncancel(): a timer callback cancels the task; the block's
// handler cancels the timer and turns the CancelledError into TimeoutError only if it fired
// and uncancel() brings the count back to 0, so the code after the block runs normally. When a
// cancel() from outside arrives as well, uncancel() leaves 1 and CancelledError goes on.
// From CPython 3.11 Lib/test/test_asyncio/test_tasks.py: BaseTaskTests.test_uncancel_structured_blocks.
// convention: timer-ties: timers fall due at the same moment; CPython leaves their order open, vloop and aio fire them in creation order
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<std::string> request(double sleep, double timeout) {
    aio::TaskRef task = aio::current_task();
    aio::EventLoop& loop = aio::get_running_loop();
    bool timed_out = false;
    bool finished = false;

    auto on_timeout = [&timed_out, task]() mutable {
        timed_out = true;
        log(task.get_name(), ": timer cancels the task");
        task.cancel();
    };
    aio::TimerHandle handle = loop.call_later(timeout, on_timeout);
    try {
        try {
            co_await aio::sleep(sleep);
            finished = true;
        } catch (const aio::CancelledError&) {
            handle.cancel();
            if (timed_out && task.uncancel() == 0) throw aio::TimeoutError();
            throw;
        }
        handle.cancel();
    } catch (const aio::TimeoutError&) {
        log(task.get_name(), ": ", rules::describe_current());
    }
    co_await aio::sleep(0);
    log(task.get_name(), ": timed_out ", timed_out, " finished ", finished, " cancelling() ", task.cancelling());
    co_return "ok";
}

AIO_RULE(tasks_uncancel_structured_block) {
    auto t1 = aio::create_task(request(10.0, 0.1), "slow");
    log("slow -> ", co_await t1);
    auto t2 = aio::create_task(request(0, 10.0), "quick");
    log("quick -> ", co_await t2);
    auto t3 = aio::create_task(request(10.0, 0.1), "doubly");
    co_await aio::sleep(0.1);
    log("cancel doubly -> ", t3.cancel());
    try {
        co_await t3;
    } catch (const aio::CancelledError&) {
        log("doubly raised ", rules::describe_current(), ", cancelling() ", t3.cancelling());
    }
    co_await aio::sleep(20);
    log("no timer left");
}
}  // namespace
