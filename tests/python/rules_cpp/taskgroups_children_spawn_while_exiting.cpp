// From CPython 3.11 Lib/test/test_asyncio/test_taskgroups.py: TestTaskGroup.test_taskgroup_23,
// test_taskgroup_24 and test_taskgroup_25 (children adding children to their own group). While
// the group waits in __aexit__ a child may still create tasks in it, and the group waits for
// those too; finished children leave the group at once. Once the group is done, create_task
// raises RuntimeError. A failing child cancels the spawners, which then spawn no more.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> leaf(std::string name, double delay) {
    co_await aio::sleep(delay);
    log(name, " done");
}

aio::Task<> root(aio::TaskGroup& tg) {
    co_await aio::sleep(0.1);
    tg.create_task(leaf("leaf1", 0.1), "leaf1");
    tg.create_task(leaf("leaf2", 0.2), "leaf2");
    log("root added two children");
}

aio::Task<> spawner(aio::TaskGroup& tg, int depth) {
    co_await aio::sleep(0.1);
    if (depth < 3) {
        tg.create_task(spawner(tg, depth + 1), rules::str("spawner", depth + 1));
        log("spawner", depth, " added spawner", depth + 1);
    }
}

aio::Task<> failer() {
    co_await aio::sleep(0.25);
    log("failer raises");
    throw rules::Boom("stop");
}

AIO_RULE(taskgroups_children_spawn_while_exiting) {
    aio::TaskGroup* group = nullptr;
    {
        // The group object outlives the `async with` here, as `tg` does in Python.
        aio::TaskGroup tg;
        tg.enter();
        group = &tg;
        std::exception_ptr error;
        try {
            tg.create_task(root(tg), "root");
            log("body done");
        } catch (...) {
            error = std::current_exception();
        }
        co_await tg.exit(error, false);
        log("group done");
        auto coro = leaf("late", 0);
        try {
            group->create_task(coro, "late");
        } catch (const aio::RuntimeError&) {
            log("create_task after the group: ", rules::describe_current());
        }
    }

    try {
        co_await aio::task_group([&](aio::TaskGroup& tg2) -> aio::Task<> {
            tg2.create_task(spawner(tg2, 0), "spawner0");
            tg2.create_task(failer(), "failer");
            co_return;
        });
    } catch (const aio::ExceptionGroup&) {
        log("caught ", rules::describe_current());
    }
}
}  // namespace
