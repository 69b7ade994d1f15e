// Cancelling the task that runs wait_for(task, timeout) cancels the awaited task too, with or
// without a timeout (timeout=None is a plain await): the cancel comes from a call_soon callback
// in the very next iteration, and both tasks end cancelled.
// From CPython 3.11 Lib/test/test_asyncio/test_waitfor.py: AsyncioWaitForTest.test_cancel_blocking_wait_for,
// test_cancel_wait_for.
#include "rule_registry.hpp"

#include <optional>

namespace {
using rules::log;

aio::Task<> blocking(std::string name, aio::Future<> fut) {
    try {
        co_await fut;
    } catch (const aio::CancelledError&) {
        log(name, ": ", rules::describe_current());
        throw;
    }
}

AIO_RULE(waitfor_cancel_blocking) {
    aio::EventLoop& loop = aio::get_running_loop();
    for (std::optional<double> timeout : {std::optional<double>(), std::optional<double>(60.0)}) {
        std::string label = timeout ? rules::str(rules::fmt3(*timeout).substr(0, 4)) : "None";
        auto fut = aio::create_future<>();
        auto task = aio::create_task(blocking("blocking(" + label + ")", fut), "blocking(" + label + ")");
        auto wait = aio::create_task(aio::wait_for(task, timeout), "wait_for(" + label + ")");
        loop.call_soon([wait]() mutable { wait.cancel(); });
        try {
            co_await wait;
            log("not reached");
        } catch (const aio::CancelledError&) {
            log("await wait_for(", label, "): ", rules::describe_current());
        }
        log("task cancelled() ", task.cancelled(), ", future cancelled() ", fut.cancelled());
    }
}
}  // namespace
