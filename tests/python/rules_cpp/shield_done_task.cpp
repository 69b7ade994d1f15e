// shield() of a task that is already done returns that task itself: awaiting it raises the
// task's own CancelledError, with the message of a cancel(msg) that never reached its
// coroutine, or returns its result at once.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<int> job() {
    log("job runs");
    co_return 7;
}

AIO_RULE(shield_done_task) {
    auto c = aio::create_task(job(), "c");
    c.cancel("stop");
    co_await aio::sleep(0);
    log("c cancelled? ", c.cancelled());
    try {
        co_await aio::shield(c);
    } catch (const aio::CancelledError& e) {
        log("shield(c) raised ", rules::describe_current(), " '", e.message(), "'");
    }
    auto d = aio::create_task(job(), "d");
    co_await aio::sleep(0);
    int r = co_await aio::shield(d);
    log("shield(d) -> ", r);
}
}  // namespace
