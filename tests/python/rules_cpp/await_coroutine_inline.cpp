// Awaiting a coroutine runs it inline in the current task: no loop iteration passes
// until something actually suspends.
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

aio::Task<int> leaf(int x) { co_return x * 2; }

aio::Task<int> middle(int x) {
    int a = co_await leaf(x);
    int b = co_await leaf(a);
    co_return a + b;
}

AIO_RULE(await_coroutine_inline) {
    auto t = aio::create_task(ticker(), "ticker");
    co_await aio::sleep(0);
    log("tick ", tick);
    int r = co_await middle(5);
    log("middle(5) = ", r, ", tick ", tick);
    co_await aio::sleep(0);
    log("after sleep(0), tick ", tick);
    t.cancel();
}
}  // namespace
