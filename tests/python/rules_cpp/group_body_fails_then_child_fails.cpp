// A TaskGroup whose body raises, then a child fails while being cancelled: the group is already
// aborting, so it does not cancel its parent (cancelling() stays 0); both errors are raised.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> child() {
    try {
        co_await aio::sleep(1);
    } catch (const aio::CancelledError&) {
        log("child cancelled, its cleanup fails");
        throw rules::Boom("child");
    }
}

AIO_RULE(group_body_fails_then_child_fails) {
    try {
        co_await aio::task_group([&](aio::TaskGroup& tg) -> aio::Task<> {
            tg.create_task(child(), "child");
            co_await aio::sleep(0.1);
            throw rules::Boom("body");
        });
    } catch (...) {
        log("group: ", rules::describe_current());
    }
    log("cancelling() ", aio::current_task().cancelling());
    co_await aio::sleep(0.5);
    log("main sleeps on undisturbed");
}
}  // namespace
