// Cancelling a sleep whose timer sits in the middle of the timer heap keeps every other timer in
// deadline order (aio removes the timer at once; the node moved into its place must sift up).
#include "rule_registry.hpp"

#include <string>
#include <vector>

namespace {
using rules::log;

aio::Task<> sleeper(std::string name, double delay) {
    try {
        co_await aio::sleep(delay);
        log(name, " wakes");
    } catch (const aio::CancelledError&) {
        log(name, " cancelled");
    }
}

AIO_RULE(timer_heap_cancel_middle) {
    // armed in this order: the heap array is [1 7 4 16 18 11 6]: s6 moves into the place of s16 and must go above s7
    std::vector<aio::Task<>> tasks;
    for (int d : {16, 11, 4, 7, 18, 6, 1}) {
        const std::string name = "s" + std::to_string(d);
        tasks.push_back(aio::create_task(sleeper(name, d / 10.0), name));
    }
    co_await aio::sleep(0);
    log("cancel s16 -> ", tasks[0].cancel());
    co_await aio::gather(tasks);
    log("all done");
}
}  // namespace
