// One loop iteration runs exactly the callbacks that were ready when it began.
// `ticker` bumps `tick` once per iteration, so every line shows which iteration it ran in.
// D, created by A during iteration 1, runs first in iteration 2, not at the end of iteration 1.
#include "rule_registry.hpp"

#include <vector>

namespace {
using rules::log;

int tick = 0;
std::vector<aio::Task<>> spawned;

aio::Task<> ticker() {
    while (true) {
        tick += 1;
        co_await aio::sleep(0);
    }
}

aio::Task<> worker(std::string name, int rounds, bool spawn) {
    for (int i = 0; i < rounds; ++i) {
        log(name, " step ", i, " tick ", tick);
        if (spawn && i == 0) {
            spawned.push_back(aio::create_task(worker("D", 2, false), "D"));
            log(name, " created D");
        }
        co_await aio::sleep(0);
    }
    log(name, " finished tick ", tick);
}

AIO_RULE(ready_queue_order) {
    auto t = aio::create_task(ticker(), "ticker");
    auto a = aio::create_task(worker("A", 3, true), "A");
    auto b = aio::create_task(worker("B", 2, false), "B");
    auto c = aio::create_task(worker("C", 1, false), "C");
    log("main created 4 tasks tick ", tick);
    co_await a;
    log("main: A done tick ", tick);
    co_await b;
    co_await c;
    co_await spawned[0];
    log("main: all done tick ", tick);
    t.cancel();
}
}  // namespace
