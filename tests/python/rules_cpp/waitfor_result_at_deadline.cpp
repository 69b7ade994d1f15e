// wait_for's race between the result and the timeout: when the future gets its result at the
// very moment the timeout fires, the result wins whichever timer runs first, because wait_for
// looks at the future only when it wakes up, one iteration later.
// From CPython 3.11 Lib/test/test_asyncio/test_waitfor.py: AsyncioWaitForTest.test_wait_for_race_condition.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<std::string> waiter(aio::Future<std::string> fut) {
    std::string r = co_await aio::wait_for(fut, 0.2);
    log("waiter got ", r);
    co_return r;
}

AIO_RULE(waitfor_result_at_deadline) {
    aio::EventLoop& loop = aio::get_running_loop();
    auto fut = aio::create_future<std::string>();
    loop.call_later(0.1, [fut]() mutable { fut.set_result("early"); });
    log("result before the deadline: ", co_await aio::wait_for(fut, 0.2));

    fut = aio::create_future<std::string>();
    loop.call_later(0.2, [fut]() mutable { fut.set_result("set first"); });
    log("result set just before the timeout fires: ", co_await aio::wait_for(fut, 0.2));

    fut = aio::create_future<std::string>();
    auto t = aio::create_task(waiter(fut), "waiter");
    co_await aio::sleep(0);
    loop.call_later(0.2, [fut]() mutable { fut.set_result("set second"); });
    std::string r = co_await t;
    log("result set just after the timeout fired: ", r, ", fut.cancelled() ", fut.cancelled());
}
}  // namespace
