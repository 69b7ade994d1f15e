// as_completed yields results in the order the tasks finish, not the order given; a failed
// task's exception is raised by its await; tasks finishing in the same iteration come in the
// order their done callbacks ran. A result arrives two iterations after its task finished (the
// done callback puts it in a queue, the queue wakes the awaiting task): the ticker shows when.
// An empty list yields nothing.
// convention: timer-ties: timers fall due at the same moment; CPython leaves their order open, vloop and aio fire them in creation order
#include "rule_registry.hpp"

#include <tuple>
#include <vector>

namespace {
using rules::log;

aio::Task<std::string> job(std::string name, double delay, bool fail) {
    co_await aio::sleep(delay);
    log(name, " finishes");
    if (fail) throw rules::Boom(name);
    co_return name;
}

aio::Task<> ticker() {
    co_await aio::sleep(0.3);
    for (int i = 0; i < 4; ++i) {
        log("tick ", i);
        co_await aio::sleep(0);
    }
}

AIO_RULE(as_completed_order) {
    const std::tuple<const char*, double, bool> specs[] = {
        {"a", 0.3, false}, {"b", 0.1, false}, {"c", 0.2, true}, {"d", 0.2, false}, {"e", 0.1, false}};
    std::vector<aio::Task<std::string>> tasks;
    for (auto [n, d, f] : specs) tasks.push_back(aio::create_task(job(n, d, f), n));
    auto t = aio::create_task(ticker(), "ticker");
    for (auto f : aio::as_completed(tasks)) {
        try {
            std::string r = co_await f;
            log("got ", r);
        } catch (const rules::Boom&) {
            log("raised ", rules::describe_current());
        }
    }
    co_await t;
    int n = 0;
    for (auto f : aio::as_completed(std::vector<aio::Task<std::string>>{})) {
        (void)f;
        ++n;
    }
    log("as_completed([]) yields ", n);
}
}  // namespace
