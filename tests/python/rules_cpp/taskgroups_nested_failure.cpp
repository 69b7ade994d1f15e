// From CPython 3.11 Lib/test/test_asyncio/test_taskgroups.py: TestTaskGroup.test_taskgroup_13
// and test_taskgroup_14 (nested TaskGroups, one child failing). When the outer group's child
// fails, the outer group cancels its body, so the inner group cancels its child and lets
// CancelledError out; the outer group takes its own cancel back: ExceptionGroup(Boom(outer)).
// When the inner group's child fails, the inner group raises ExceptionGroup into the outer
// body, which cancels the outer child: ExceptionGroup(ExceptionGroup(Boom(inner))).
#include "rule_registry.hpp"

#include <utility>

namespace {
using rules::log;

aio::Task<> crash_after(std::string name, double delay) {
    try {
        co_await aio::sleep(delay);
    } catch (const aio::CancelledError&) {
        log(name, " cancelled");
        throw;
    }
    log(name, " raises");
    throw rules::Boom(name);
}

aio::Task<> runner(double outer_delay, double inner_delay) {
    co_await aio::task_group([&](aio::TaskGroup& g1) -> aio::Task<> {
        g1.create_task(crash_after("outer", outer_delay), "outer");
        try {
            co_await aio::task_group([&](aio::TaskGroup& g2) -> aio::Task<> {
                g2.create_task(crash_after("inner", inner_delay), "inner");
                log("inner body done");
                co_return;
            });
        } catch (...) {
            log("inner group raised ", rules::describe_current());
            throw;
        }
    });
}

AIO_RULE(taskgroups_nested_failure) {
    for (auto [outer_delay, inner_delay] : {std::pair{0.1, 10.0}, std::pair{10.0, 0.1}}) {
        try {
            co_await runner(outer_delay, inner_delay);
        } catch (...) {
            log("main: ", rules::describe_current(), " cancelling() ", aio::current_task().cancelling());
        }
    }
}
}  // namespace
