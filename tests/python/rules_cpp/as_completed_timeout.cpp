// as_completed(timeout=): once the timer fires, every await still to come raises TimeoutError;
// the tasks are not cancelled and finish later. The timer starts when the iteration begins, so
// a task ending at the deadline itself is too late (its callback runs after the timer's). When
// every task is done before the deadline, the timer is cancelled and nothing raises.
// convention: timer-ties: timers fall due at the same moment; CPython leaves their order open, vloop and aio fire them in creation order
#include "rule_registry.hpp"

#include <vector>

namespace {
using rules::log;

aio::Task<std::string> job(std::string name, double delay) {
    co_await aio::sleep(delay);
    log(name, " finishes");
    co_return name;
}

AIO_RULE(as_completed_timeout) {
    std::vector<aio::Task<std::string>> tasks;
    for (auto [n, d] : {std::pair{"a", 0.1}, std::pair{"b", 0.3}, std::pair{"c", 0.5}})
        tasks.push_back(aio::create_task(job(n, d), n));
    for (auto f : aio::as_completed(tasks, 0.3)) {
        try {
            std::string r = co_await f;
            log("got ", r);
        } catch (const aio::TimeoutError&) {
            log("raised ", rules::describe_current());
        }
    }
    for (auto& t : tasks) {
        std::string r = co_await t;
        log(t.name(), ": cancelled() ", t.cancelled(), " result ", r);
    }

    std::vector<aio::Task<std::string>> quick;
    for (auto [n, d] : {std::pair{"x", 0.2}, std::pair{"y", 0.1}}) quick.push_back(aio::create_task(job(n, d), n));
    for (auto f : aio::as_completed(quick, 1)) {
        std::string r = co_await f;
        log("got ", r);
    }
    co_await aio::sleep(2);
    log("no timeout after all were done");
}
}  // namespace
