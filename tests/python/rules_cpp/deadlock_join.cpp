// Deadlock report: main joins a queue whose worker never calls task_done. Nothing is ready,
// no timer is pending: the loop reports who waits, then cancels them in creation order.
// convention: deadlock-report: CPython would wait here forever; vloop and aio report the deadlock and cancel what is left
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> worker(aio::Queue<int>& q) {
    while (true) {
        int item = co_await q.get();
        log("worker got ", item, ", forgets task_done()");
        co_await aio::sleep(0.1);
    }
}

AIO_RULE(deadlock_join) {
    aio::Queue<int> q;
    q.put_nowait(1);
    auto w = aio::create_task(worker(q), "worker");
    try {
        co_await q.join();
        log("join returned (not reached)");
    } catch (const aio::CancelledError&) {
        log("main cancelled in join()");
        throw;
    }
}
}  // namespace
