// cancel() on a task whose gather has all its children done (the gather's result is on its
// way, its callback has not woken the task yet) cannot cancel any child: the gather keeps its
// result, but the task's cancel() still returns True and the CancelledError lands at the await
// of the gather, so the result is lost.
// From CPython 3.11 Lib/test/test_asyncio/test_tasks.py: BaseTaskTests.test_cancel_gather_1.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<int> child(aio::Future<int> fut) {
    int r = co_await fut;
    log("child got ", r);
    co_return r;
}

aio::Task<> gathering(aio::Future<int> fut) {
    try {
        auto [r] = co_await aio::gather(child(fut));
        log("gather -> [", r, "]");
    } catch (const aio::CancelledError&) {
        log("gather await raised ", rules::describe_current());
        throw;
    }
}

AIO_RULE(tasks_cancel_after_gather_done) {
    auto fut = aio::create_future<int>();
    auto g = aio::create_task(gathering(fut), "gathering");
    co_await aio::sleep(0);
    // A task that waits on the future and cancels g when it wakes (the same iteration as the
    // child's wake-up, after it), as a done callback on the future would.
    auto cancel_when_done = [](aio::Future<int> fut, aio::Task<> g) -> aio::Task<> {
        co_await fut;
        log("future done, cancel gathering -> ", g.cancel());
    };
    aio::create_task(cancel_when_done(fut, g), "canceller");
    co_await aio::sleep(0);
    fut.set_result(42);
    try {
        co_await g;
    } catch (const aio::CancelledError&) {
        log("await gathering: ", rules::describe_current());
    }
    log("gathering cancelled() ", g.cancelled());
}
}  // namespace
