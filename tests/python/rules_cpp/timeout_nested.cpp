// Nested timeout scopes: the inner one expires first and raises TimeoutError inside the outer
// one, which keeps running until its own deadline.
#include "rule_registry.hpp"

namespace {
using rules::log;

AIO_RULE(timeout_nested) {
    try {
        co_await aio::timeout(1.0, [&](aio::Timeout&) -> aio::Task<> {
            try {
                co_await aio::timeout(0.3, [&](aio::Timeout&) -> aio::Task<> { co_await aio::sleep(10); });
            } catch (const aio::TimeoutError&) {
                log("inner scope: caught ", rules::describe_current());
            }
            log("cancelling() ", aio::current_task().cancelling());
            co_await aio::sleep(10);
            log("not reached");
        });
    } catch (const aio::TimeoutError&) {
        log("outer scope: caught ", rules::describe_current());
    }
    log("cancelling() ", aio::current_task().cancelling());
}
}  // namespace
