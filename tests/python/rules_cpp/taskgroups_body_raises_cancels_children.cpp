// From CPython 3.11 Lib/test/test_asyncio/test_taskgroups.py: TestTaskGroup.test_taskgroup_09
// and test_taskgroup_10 (the body of a TaskGroup raises). The group cancels every child and
// raises ExceptionGroup(the body's error). Children created in the same step as the raise are
// cancelled before they ever run: their first line is never reached.
#include "rule_registry.hpp"

#include <optional>

namespace {
using rules::log;

aio::Task<double> child(std::string name, double delay) {
    log(name, " starts");
    try {
        co_await aio::sleep(delay);
    } catch (const aio::CancelledError&) {
        if (name == "t1") {  // one sibling only: the group cancels them in set order
            log(name, " cancelled");
        }
        throw;
    }
    co_return delay;
}

AIO_RULE(taskgroups_body_raises_cancels_children) {
    for (std::optional<double> wait : {std::optional<double>(0.1), std::optional<double>()}) {
        std::optional<aio::Task<double>> t1, t2;
        try {
            co_await aio::task_group([&](aio::TaskGroup& tg) -> aio::Task<> {
                t1 = tg.create_task(child("t1", 1), "t1");
                t2 = tg.create_task(child("t2", 2), "t2");
                if (wait) co_await aio::sleep(*wait);
                log("body raises");
                throw rules::Boom("body");
            });
        } catch (const aio::ExceptionGroup&) {
            log("caught ", rules::describe_current());
        }
        log("t1.cancelled() ", t1->cancelled(), " t2.cancelled() ", t2->cancelled());
    }
}
}  // namespace
