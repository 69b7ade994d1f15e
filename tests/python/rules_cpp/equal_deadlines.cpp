// Timers fire in (deadline, creation order): sleeps that end at the same instant
// wake in the order their timers were started.
// convention: timer-ties: timers fall due at the same moment; CPython leaves their order open, vloop and aio fire them in creation order
#include "rule_registry.hpp"

#include <vector>

namespace {
using rules::log;

aio::Task<> sleeper(std::string name, std::vector<double> delays) {
    for (double d : delays) co_await aio::sleep(d);
    log(name, " wakes");
}

AIO_RULE(equal_deadlines) {
    std::vector<aio::Task<>> tasks;
    for (std::string name : {"s7", "s3", "s9", "s1", "s5", "s2", "s8", "s4", "s6", "s0"})
        tasks.push_back(aio::create_task(sleeper(name, {1.0}), name));
    tasks.push_back(aio::create_task(sleeper("halves", {0.5, 0.5}), "halves"));
    tasks.push_back(aio::create_task(sleeper("thirds", {0.1, 0.2, 0.7}), "thirds"));
    co_await aio::sleep(0.25);
    tasks.push_back(aio::create_task(sleeper("late", {0.75}), "late"));
    for (auto& t : tasks) co_await t;
    log("all awake");
}
}  // namespace
