// asyncio.timeout: reschedule() moves the deadline (absolute loop time).
#include "rule_registry.hpp"

namespace {
using rules::fmt3;
using rules::log;

AIO_RULE(timeout_reschedule) {
    co_await aio::timeout(0.5, [&](aio::Timeout& cm) -> aio::Task<> {
        co_await aio::sleep(0.3);
        cm.reschedule(aio::time() + 0.5);
        log("rescheduled to ", fmt3(*cm.when()));
        co_await aio::sleep(0.4);
        log("finished inside the extended deadline");
    });
    try {
        co_await aio::timeout(10, [&](aio::Timeout& cm) -> aio::Task<> {
            cm.reschedule(aio::time() + 0.25);
            log("shortened to ", fmt3(*cm.when()));
            try {
                co_await aio::sleep(1);
                log("not reached");
            } catch (const aio::CancelledError&) {
                log("body: CancelledError, expired() ", cm.expired());
                throw;
            }
        });
    } catch (const aio::TimeoutError&) {
        log("caught ", rules::describe_current());
    }
}
}  // namespace
