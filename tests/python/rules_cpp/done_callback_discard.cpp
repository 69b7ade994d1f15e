// The background-task idiom: a set holds every task until it is done, and each task's done
// callback takes it out again. Done callbacks run from the loop one iteration after the task
// finished, in the order they were added; added to a finished task, a callback runs in the next
// iteration. A failed task taken out of the set is collected as soon as its callback has run.
// convention: timer-ties: timers fall due at the same moment; CPython leaves their order open, vloop and aio fire them in creation order
#include "rule_registry.hpp"

#include <set>
#include <utility>

namespace {
using rules::Boom;
using rules::log;

aio::Task<> job(std::string name, double delay, bool fail) {
    co_await aio::sleep(delay);
    if (fail) throw Boom(name);
    log(name, " finished");
}

AIO_RULE(done_callback_discard) {
    std::set<aio::Task<>> background;

    auto discard = [&background](const aio::Task<>& task) {
        background.erase(task);
        log("discard ", task.get_name(), ": ", background.size(), " left");
    };
    auto second = [](const aio::Task<>& task) { log("second callback of ", task.get_name()); };

    const std::pair<double, bool> jobs[] = {{2, false}, {1, true}, {1, false}};
    aio::Task<> task;
    for (int i = 0; i < 3; ++i) {
        const std::string name = "job-" + std::to_string(i);
        task = aio::create_task(job(name, jobs[i].first, jobs[i].second), name);
        background.insert(task);
        task.add_done_callback(discard);
    }
    task.add_done_callback(second);
    task = {};
    log("started ", background.size());
    co_await aio::sleep(1);
    log("at 1: ", background.size(), " in the set");
    co_await aio::sleep(0);
    log("one iteration later: ", background.size(), " in the set");
    auto late = aio::create_task(job("late", 0, false), "late");
    co_await late;
    late.add_done_callback(second);
    log("added to a finished task");
    co_await aio::sleep(0);
    log("next iteration");
    co_await aio::sleep(2);
    log("end: ", background.size(), " in the set");
}
}  // namespace
