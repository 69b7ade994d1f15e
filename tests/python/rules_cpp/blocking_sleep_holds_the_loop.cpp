// time.sleep() inside a coroutine holds the event loop: no other task and no timer runs until
// it returns, and everything that came due meanwhile runs late, at once.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> ticker() {
    for (int i = 0; i < 4; ++i) {
        log("tick ", i);
        co_await aio::sleep(0.25);
    }
}

AIO_RULE(blocking_sleep_holds_the_loop) {
    auto t = aio::create_task(ticker(), "ticker");
    aio::get_running_loop().call_later(0.5, [] { log("timer"); });
    co_await aio::sleep(0);
    log("blocking for 1 s");
    aio::blocking_sleep(1.0);
    log("unblocked");
    co_await aio::sleep(0);
    log("main yielded once");
    co_await t;
}
}  // namespace
