// An async generator runs inside the task that iterates it: its awaits interleave with other
// tasks as the consumer's own awaits would, and nothing runs before the first next().
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::AsyncGenerator<int> pages(int n) {
    log("pages starts");
    for (int i = 0; i < n; ++i) {
        co_await aio::sleep(0.1);
        log("pages yields ", i, " in ", aio::current_task().name());
        co_yield i;
    }
    log("pages ends");
}

aio::Task<> ticker() {
    for (int i = 0; i < 4; ++i) {
        log("tick ", i);
        co_await aio::sleep(0.07);
    }
}

AIO_RULE(asyncgen_order) {
    auto t = aio::create_task(ticker(), "ticker");
    auto gen = pages(3);
    log("generator made");
    co_await aio::sleep(0);
    while (auto page = co_await gen.next()) {
        log("main got ", *page);
        co_await aio::sleep(0);
    }
    log("async for done");
    co_await t;
}
}  // namespace
