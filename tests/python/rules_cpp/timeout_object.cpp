// asyncio.Timeout as an object: timeout(None) has no deadline until reschedule() sets one;
// timeout_at() takes an absolute loop time; after the block the object still answers
// expired() and when(), and reschedule() raises RuntimeError.
#include "rule_registry.hpp"

#include <optional>

namespace {
using rules::log;

std::string show(const aio::Timeout& cm) {
    std::optional<double> w = cm.when();
    return rules::str("when ", w ? rules::fmt3(*w) : "None", ", expired() ", cm.expired());
}

AIO_RULE(timeout_object) {
    aio::Timeout cm = aio::timeout(std::nullopt);
    co_await aio::async_with(cm, [&](aio::Timeout& cm) -> aio::Task<> {
        log("in block: ", show(cm));
        co_await aio::sleep(1);
        cm.reschedule(aio::time() + 0.5);
        log("rescheduled: ", show(cm));
        co_await aio::sleep(0.2);
    });
    log("after block: ", show(cm));
    try {
        cm.reschedule(std::nullopt);
    } catch (const aio::RuntimeError&) {
        log("reschedule after the block: ", rules::describe_current());
    }

    aio::Timeout cm2 = aio::timeout_at(aio::time() + 0.3);
    try {
        co_await aio::async_with(cm2, [&](aio::Timeout&) -> aio::Task<> { co_await aio::sleep(1); });
    } catch (const aio::TimeoutError&) {
        log("caught ", rules::describe_current());
    }
    log("after block: ", show(cm2));
    try {
        cm2.reschedule(aio::time() + 1);
    } catch (const aio::RuntimeError&) {
        log("reschedule after expiry: ", rules::describe_current());
    }

    co_await aio::timeout_at(aio::time() - 1, [&](aio::Timeout& cm3) -> aio::Task<> {
        try {
            co_await aio::sleep(1);
        } catch (const aio::CancelledError&) {
            log("past deadline: cancelled at once, ", show(cm3));
        }
    });
    log("swallowed the cancellation: no TimeoutError");
}
}  // namespace
