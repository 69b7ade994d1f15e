// When main returns, the loop finishes the iteration that follows (asyncio.run's
// run_until_complete stops one iteration later), then cancels the remaining tasks in creation
// order and runs their cleanup. A task that was already in the ready queue runs first.
// convention: shutdown-order: the tasks left at the end are cancelled in creation order; asyncio.run's order is a set's
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> sleeper() {
    try {
        co_await aio::sleep(10);
    } catch (const aio::CancelledError&) {
        log("sleeper cancelled at shutdown");
        throw;
    }
}

aio::Task<> spinner() {
    int i = 0;
    try {
        while (true) {
            log("spinner ", i);
            i += 1;
            co_await aio::sleep(0);
        }
    } catch (const aio::CancelledError&) {
        log("spinner cancelled at shutdown");
        throw;
    }
}

aio::Task<> cleaner() {
    aio::Event never;
    bool cancelled = false;
    try {
        co_await never.wait();
    } catch (const aio::CancelledError&) {
        cancelled = true;
    }
    if (cancelled) {  // except CancelledError: (C++ cannot co_await inside a catch block)
        log("cleaner cancelled, cleans up for 0.1 s");
        co_await aio::sleep(0.1);
        log("cleaner done");
        throw aio::CancelledError();
    }
}

AIO_RULE(run_end_cancels) {
    aio::create_task(sleeper(), "sleeper");
    aio::create_task(spinner(), "spinner");
    aio::create_task(cleaner(), "cleaner");
    co_await aio::sleep(0);
    co_await aio::sleep(0);
    log("main returns");
}
}  // namespace
