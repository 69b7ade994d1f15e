// From CPython 3.11 Lib/test/test_asyncio/test_taskgroups.py: TestTaskGroup.test_taskgroup_11
// and test_taskgroup_12 (nested TaskGroups, the task cancelled from outside, the inner group's
// child raising in its cleanup). The inner group turns the cancel into ExceptionGroup(Boom);
// the outer group gets that as its body's error, cancels its own child, and wraps it once more:
// ExceptionGroup(ExceptionGroup(Boom)).
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> inner_child() {
    try {
        co_await aio::sleep(10);
    } catch (const aio::CancelledError&) {
    }
    // finally:
    log("inner_child cleanup raises");
    throw rules::Boom("inner");
}

aio::Task<> outer_child() {
    try {
        co_await aio::sleep(10);
    } catch (const aio::CancelledError&) {
        log("outer_child cancelled");
        throw;
    }
}

aio::Task<> runner() {
    co_await aio::task_group([&](aio::TaskGroup& g1) -> aio::Task<> {
        g1.create_task(outer_child(), "outer_child");
        try {
            co_await aio::task_group([&](aio::TaskGroup& g2) -> aio::Task<> {
                g2.create_task(inner_child(), "inner_child");
                try {
                    co_await aio::sleep(10);
                } catch (const aio::CancelledError&) {
                    log("inner body cancelled");
                    throw;
                }
            });
        } catch (const aio::ExceptionGroup&) {
            log("inner group raised ", rules::describe_current());
            throw;
        }
    });
}

AIO_RULE(taskgroups_nested_failing_cleanup) {
    auto r = aio::create_task(runner(), "runner");
    co_await aio::sleep(0.1);
    log("cancel runner -> ", r.cancel());
    try {
        co_await r;
    } catch (...) {
        log("main: ", rules::describe_current(), " r.cancelled() ", r.cancelled());
    }
}
}  // namespace
