// Once a TaskGroup is shutting down (a child failed), create_task raises RuntimeError.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> fails() {
    co_await aio::sleep(0.1);
    log("fails raises");
    throw rules::Boom("x");
}

aio::Task<> late() {
    log("late runs (not reached)");
    co_return;
}

AIO_RULE(taskgroup_shutdown) {
    try {
        co_await aio::task_group([&](aio::TaskGroup& tg) -> aio::Task<> {
            tg.create_task(fails(), "fails");
            try {
                co_await aio::sleep(1);
            } catch (const aio::CancelledError&) {
                log("body cancelled");
                auto coro = late();
                try {
                    tg.create_task(coro, "late");
                } catch (const aio::RuntimeError&) {
                    log("create_task: caught ", rules::describe_current());
                }
                throw;
            }
        });
    } catch (const aio::ExceptionGroup&) {
        log("caught ", rules::describe_current());
    }
}
}  // namespace
