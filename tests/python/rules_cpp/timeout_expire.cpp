// asyncio.timeout: when the deadline passes, the body gets CancelledError at its await,
// and the scope turns it into TimeoutError.
#include "rule_registry.hpp"

namespace {
using rules::fmt3;
using rules::log;

AIO_RULE(timeout_expire) {
    try {
        co_await aio::timeout(0.5, [&](aio::Timeout& cm) -> aio::Task<> {
            log("deadline ", fmt3(*cm.when()));
            try {
                co_await aio::sleep(1);
                log("not reached");
            } catch (const aio::CancelledError&) {
                log("body: CancelledError");
                throw;
            }
        });
    } catch (const aio::TimeoutError&) {
        log("caught ", rules::describe_current());
    }
    log("cancelling() ", aio::current_task().cancelling());
    co_await aio::timeout(0.5, [&](aio::Timeout&) -> aio::Task<> {
        co_await aio::sleep(0.2);
        log("second scope finished in time");
    });
    co_await aio::sleep(1);
    log("no late timeout");
}
}  // namespace
