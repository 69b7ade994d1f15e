// A TaskGroup cancelled from outside while a child's cleanup raises: the group raises the
// ExceptionGroup with that error, not CancelledError (3.11 __aexit__: errors win).
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
        log("child cleanup fails");
        throw rules::Boom("cleanup");
    }
}

aio::Task<> quiet_child() {  // (silent: the group cancels its children in set order)
    co_await aio::sleep(1);
}

aio::Task<> grouped() {
    try {
        co_await aio::task_group([&](aio::TaskGroup& tg) -> aio::Task<> {
            tg.create_task(child(), "child");
            tg.create_task(quiet_child(), "quiet_child");
            co_await aio::sleep(1);
        });
    } catch (...) {
        log("grouped: ", rules::describe_current(), " left the group");
        throw;
    }
}

AIO_RULE(outer_cancel_child_cleanup_fails) {
    auto t = aio::create_task(grouped(), "grouped");
    co_await aio::sleep(0.2);
    log("cancel grouped -> ", t.cancel());
    try {
        co_await t;
    } catch (...) {
        log("main: ", rules::describe_current());
    }
    log("grouped cancelled() ", t.cancelled());
}
}  // namespace
