// Another task may move a running scope's deadline: reschedule() later, then reschedule(None)
// (no deadline at all: neither old deadline fires). A cancellation from outside then ends the
// body with CancelledError, not TimeoutError, and the scope was never expired().
// From CPython 3.11 Lib/test/test_asyncio/test_timeouts.py: TimeoutTests.test_reschedule.
#include "rule_registry.hpp"

#include <optional>

namespace {
using rules::log;

std::string when(const aio::Timeout& cm) {
    std::optional<double> w = cm.when();
    return w ? rules::fmt3(*w) : "None";
}

aio::Task<> guarded(aio::Timeout& cm, aio::Future<> entered) {
    auto body = [entered](aio::Timeout& cm) mutable -> aio::Task<> {
        entered.set_result();
        try {
            co_await aio::sleep(50);
        } catch (const aio::CancelledError&) {
            log("guarded: ", rules::describe_current(), ", expired() ", cm.expired());
            throw;
        }
    };
    co_await aio::async_with(cm, body);
}

AIO_RULE(timeouts_reschedule_from_outside) {
    aio::Timeout cm = aio::timeout_at(1.0);
    auto entered = aio::create_future<>();
    auto task = aio::create_task(guarded(cm, entered), "guarded");
    co_await entered;
    log("when ", when(cm));
    cm.reschedule(3.0);
    log("rescheduled: when ", when(cm));
    cm.reschedule(std::nullopt);
    log("rescheduled: when ", when(cm));
    co_await aio::sleep(5);
    log("no deadline fired, task done() ", task.done());
    task.cancel();
    try {
        co_await task;
    } catch (const aio::CancelledError&) {
        log("await guarded: ", rules::describe_current());
    }
    log("expired() ", cm.expired());
    try {
        cm.reschedule(10);
    } catch (const aio::RuntimeError&) {
        log("reschedule after the block: ", rules::describe_current());
    }
}
}  // namespace
