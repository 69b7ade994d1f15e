// TaskGroup: the first failure cancels the siblings and the body; the group waits for
// their cleanup and raises an ExceptionGroup holding every error, in the order they happened.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> fails() {
    co_await aio::sleep(0.1);
    log("fails raises");
    throw rules::Boom("first");
}

aio::Task<> sibling() {
    bool cancelled = false;
    try {
        co_await aio::sleep(1);
        log("sibling done");
    } catch (const aio::CancelledError&) {
        cancelled = true;
    }
    if (cancelled) {  // except CancelledError: (C++ cannot co_await inside a catch block)
        log("sibling cancelled, cleaning up");
        co_await aio::sleep(0.1);
        log("sibling raises in cleanup");
        throw rules::Boom("second");
    }
}

AIO_RULE(taskgroup_failure) {
    try {
        co_await aio::task_group([&](aio::TaskGroup& tg) -> aio::Task<> {
            tg.create_task(fails(), "fails");
            tg.create_task(sibling(), "sibling");
            try {
                co_await aio::sleep(1);
                log("body done");
            } catch (const aio::CancelledError&) {
                log("body cancelled");
                throw;
            }
        });
        log("after the group (not reached)");
    } catch (const aio::ExceptionGroup&) {
        log("caught ", rules::describe_current());
    }
    log("main cancelling() ", aio::current_task().cancelling());
}
}  // namespace
