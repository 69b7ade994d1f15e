// From CPython 3.11 Lib/test/test_asyncio/test_taskgroups.py: TestTaskGroup.test_taskgroup_04
// and test_cancel_children_on_child_error. Three children fail in the same loop iteration: the
// first failure cancels the sibling and the body, but the other two have already failed, so the
// ExceptionGroup holds all three, in the order they failed. Code after the group never runs.
// convention: timer-ties: timers fall due at the same moment; CPython leaves their order open, vloop and aio fire them in creation order
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> fails(std::string name) {
    co_await aio::sleep(0.1);
    log(name, " raises");
    throw rules::Boom(name);
}

aio::Task<> sibling() {
    try {
        co_await aio::sleep(5);
    } catch (const aio::CancelledError&) {
        log("sibling cancelled");
        throw;
    }
}

aio::Task<> runner() {
    co_await aio::task_group([&](aio::TaskGroup& tg) -> aio::Task<> {
        for (const char* name : {"a", "b", "c"}) tg.create_task(fails(name), name);
        auto s = tg.create_task(sibling(), "sibling");
        try {
            co_await aio::sleep(10);
        } catch (const aio::CancelledError&) {
            log("body cancelled, sibling done() ", s.done());
            throw;
        }
    });
    log("after the group (not reached)");
}

AIO_RULE(taskgroups_errors_in_same_iteration) {
    auto r = aio::create_task(runner(), "runner");
    try {
        co_await r;
    } catch (const aio::ExceptionGroup&) {
        log("main: ", rules::describe_current());
    }
}
}  // namespace
