// sleep(0) gives the word back to the loop for exactly one iteration.
#include "rule_registry.hpp"

namespace {
using rules::log;

int tick = 0;

aio::Task<> ticker() {
    while (true) {
        tick += 1;
        co_await aio::sleep(0);
    }
}

aio::Task<> yielder(std::string name, int times) {
    for (int i = 0; i < times; ++i) {
        int before = tick;
        co_await aio::sleep(0);
        log(name, ": sleep(0) took ", tick - before, " iteration(s), tick ", tick);
    }
}

AIO_RULE(sleep0_one_iteration) {
    auto t = aio::create_task(ticker(), "ticker");
    auto y1 = aio::create_task(yielder("y1", 3), "y1");
    auto y2 = aio::create_task(yielder("y2", 2), "y2");
    co_await y1;
    co_await y2;
    int before = tick;
    co_await aio::sleep(0);
    log("main: sleep(0) took ", tick - before, " iteration(s)");
    t.cancel();
}
}  // namespace
