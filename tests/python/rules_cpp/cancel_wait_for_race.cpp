// wait_for's caller cancelled after the inner task finished but before wait_for resumed: 3.11
// returns the inner result (the cancellation is swallowed; cancelling() stays 1).
// convention: timer-ties: timers fall due at the same moment; CPython leaves their order open, vloop and aio fire them in creation order
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<int> inner() {
    co_await aio::sleep(1);
    log("inner returns 5");
    co_return 5;
}

aio::Task<int> outer() {
    try {
        const int r = co_await aio::wait_for(inner(), 10);
        log("outer got ", r, ", cancelling() ", aio::current_task().cancelling());
        co_return r;
    } catch (const aio::CancelledError&) {
        log("outer: ", rules::describe_current());
        throw;
    }
}

aio::Task<> canceller(aio::Task<int> target) {
    co_await aio::sleep(1);
    log("canceller: cancel() -> ", target.cancel());
}

AIO_RULE(cancel_wait_for_race) {
    auto o = aio::create_task(outer(), "outer");
    co_await aio::sleep(0);
    auto c = aio::create_task(canceller(o), "canceller");
    try {
        const int r = co_await o;
        log("main got ", r);
    } catch (const aio::CancelledError&) {
        log("main: ", rules::describe_current());
    }
    co_await c;
}
}  // namespace
