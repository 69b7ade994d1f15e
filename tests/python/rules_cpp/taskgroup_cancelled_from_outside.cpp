// A task cancelled while inside a TaskGroup: the body gets CancelledError, the group cancels
// its children, waits for them, and lets CancelledError out.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> child() {
    bool cancelled = false;
    try {
        co_await aio::sleep(1);
    } catch (const aio::CancelledError&) {
        cancelled = true;
    }
    if (cancelled) {  // except CancelledError: (C++ cannot co_await inside a catch block)
        log("child cancelled, cleaning up");
        co_await aio::sleep(0.1);
        log("child cleanup done");
        throw aio::CancelledError();
    }
}

aio::Task<> grouped() {
    try {
        co_await aio::task_group([&](aio::TaskGroup& tg) -> aio::Task<> {
            tg.create_task(child(), "child");
            co_await aio::sleep(1);
        });
    } catch (const aio::CancelledError&) {
        log("grouped: CancelledError left the group");
        throw;
    }
}

AIO_RULE(taskgroup_cancelled_from_outside) {
    auto t = aio::create_task(grouped(), "grouped");
    co_await aio::sleep(0.2);
    log("cancel grouped -> ", t.cancel());
    try {
        co_await t;
    } catch (const aio::CancelledError&) {
        log("main: ", rules::describe_current());
    }
}
}  // namespace
