// wait_for and timeout() raise TimeoutError from the CancelledError that ended the wait
// (`raise TimeoutError from exc`): __cause__ is that cancellation. When the waiting task
// itself is cancelled, wait_for re-raises its CancelledError, message included.
#include "rule_registry.hpp"

namespace {
using rules::describe;
using rules::log;

aio::Task<std::string> slow(std::string name) {
    try {
        co_await aio::sleep(1);
        co_return name;
    } catch (const aio::CancelledError& e) {
        log(name, " cancelled '", e.message(), "'");
        throw;
    }
}

aio::Task<> waits(std::string name) {
    try {
        co_await aio::wait_for(slow(name), 1);
    } catch (const aio::CancelledError& e) {
        log(name, " wait_for raised ", rules::describe_current(), " '", e.message(), "'");
        throw;
    }
}

AIO_RULE(timeout_error_cause) {
    try {
        co_await aio::wait_for(slow("a"), 0.5);
    } catch (const aio::TimeoutError& e) {
        log("wait_for: ", rules::describe_current(), " from ", describe(e.cause()));
    }

    try {
        co_await aio::wait_for(slow("b"), 0);
    } catch (const aio::TimeoutError& e) {
        log("wait_for(0): ", rules::describe_current(), " from ", describe(e.cause()));
    }

    try {
        co_await aio::timeout(0.5, [&](aio::Timeout&) -> aio::Task<> { co_await slow("c"); });
    } catch (const aio::TimeoutError& e) {
        log("timeout: ", rules::describe_current(), " from ", describe(e.cause()));
    }

    try {
        co_await aio::timeout(1, [&](aio::Timeout&) -> aio::Task<> { co_await aio::sleep(0.5); });
        log("in time: no error");
    } catch (const aio::TimeoutError&) {
        log("not reached");
    }

    auto w = aio::create_task(waits("d"), "w");
    co_await aio::sleep(0.2);
    w.cancel("outer stop");
    try {
        co_await w;
    } catch (const aio::CancelledError& e) {
        log("await w: ", rules::describe_current(), " '", e.message(), "'");
    }
}
}  // namespace
