// Three sequential awaits of 0.3, 0.5 and 0.2 seconds take 1.0 second.
#include "rule_registry.hpp"

namespace {
using rules::log;

AIO_RULE(sequential_sleeps) {
    log("start");
    co_await aio::sleep(0.3);
    log("after 0.3");
    co_await aio::sleep(0.5);
    log("after 0.5");
    co_await aio::sleep(0.2);
    log("after 0.2");
}
}  // namespace
