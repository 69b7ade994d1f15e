// The shutdown after a deadlock goes on while tasks are left: main survives the first round's
// cancellation (the gather hands it the worker's error), starts a new task and waits again; the
// round waits for main, so the new task runs to its end; the round deadlocks, is reported, and
// the next round cancels main again. Found by the fuzzer (seed 100996).
// convention: deadlock-report: CPython would wait here forever; vloop and aio report the deadlock and cancel what is left
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> worker(aio::Event& never) {
    try {
        co_await never.wait();
    } catch (const aio::CancelledError&) {
        log("worker cancelled, raises instead");
    }
    throw rules::Boom("cleanup");
}

aio::Task<> late() {
    log("late starts");
    co_await aio::sleep(1);
    log("late done");
}

AIO_RULE(cleanup_rounds) {
    aio::Event never;
    try {
        co_await aio::gather(aio::create_task(worker(never), "worker"));
    } catch (const rules::Boom&) {
        log("main caught ", rules::describe_current(), ", goes on");
    }
    auto l = aio::create_task(late(), "late");
    co_await aio::sleep(0);
    log("main waits again");
    try {
        co_await never.wait();
    } catch (const aio::CancelledError&) {
        log("main cancelled again");
        throw;
    }
}
}  // namespace
