// Cancelling the task that iterates a generator raises CancelledError at the await inside the
// generator: its cleanup runs (and may await) in that task, then the cancellation propagates.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::AsyncGenerator<int> pages() {
    std::exception_ptr error;
    try {
        for (int i = 0; i < 10; ++i) {
            co_await aio::sleep(0.1);
            co_yield i;
        }
    } catch (const aio::CancelledError&) {
        log("pages: CancelledError in ", aio::current_task().name());
        error = std::current_exception();
    } catch (...) {
        error = std::current_exception();
    }
    log("pages cleanup");
    co_await aio::sleep(0.05);
    log("pages cleanup done");
    if (error) std::rethrow_exception(error);
}

aio::Task<> consumer() {
    struct Finally {
        ~Finally() { log("consumer finally"); }
    } finally;
    auto gen = pages();
    while (auto page = co_await gen.next()) log("consumer got ", *page);
}

AIO_RULE(asyncgen_cancelled_consumer) {
    auto c = aio::create_task(consumer(), "consumer");
    co_await aio::sleep(0.25);
    c.cancel();
    log("main cancelled consumer");
    try {
        co_await c;
    } catch (const aio::CancelledError&) {
        log("main: ", rules::describe_current());
    }
    log("consumer cancelled? ", c.cancelled());
}
}  // namespace
