// A cancellation that does not come from the timeout passes through the scope as
// CancelledError (expired() stays False, the request stays counted); a task whose own timeout
// fired and that caught the TimeoutError is not cancelled: it finishes with its result.
// From CPython 3.11 Lib/test/test_asyncio/test_timeouts.py:
// TimeoutTests.test_foreign_cancel_doesnt_timeout_if_not_expired, test_outer_task_is_not_cancelled.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<std::string> worker() {
    try {
        auto body = [](aio::Timeout&) -> aio::Task<> { co_await aio::sleep(10); };
        co_await aio::timeout(0.1, body);
    } catch (const aio::TimeoutError&) {
        log("worker: ", rules::describe_current());
    }
    co_return "worker result";
}

AIO_RULE(timeouts_foreign_cancel) {
    aio::TaskRef me = aio::current_task();
    aio::Timeout cm = aio::timeout(10);
    try {
        auto body = [&](aio::Timeout&) -> aio::Task<> {
            log("cancel myself -> ", me.cancel());
            co_await aio::sleep(10);
            log("not reached");
        };
        co_await aio::async_with(cm, body);
    } catch (const aio::CancelledError&) {
        log("caught ", rules::describe_current(), ", expired() ", cm.expired(), ", cancelling() ", me.cancelling());
    }
    log("uncancel() -> ", me.uncancel());
    auto t = aio::create_task(worker(), "worker");
    std::string r = co_await t;
    log(r, ": done() ", t.done(), " cancelled() ", t.cancelled(), " cancelling() ", t.cancelling());
}
}  // namespace
