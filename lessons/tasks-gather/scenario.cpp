// Tasks and gather: three calls run side by side; gather collects their results in
// argument order, with or without return_exceptions. The C++ twin of lesson.py.
#include <aio/aio.hpp>
#include <lessons/facts.hpp>
#include <lessons/format.hpp>
#include <lessons/lesson.hpp>

#include <string>
#include <vector>

namespace lessons::tasks_gather {

aio::Task<std::string> fetch(std::string name, double delay, bool fails) {
    aio::log(name + " starts");
    co_await aio::sleep(delay);  // stands in for a network request  // @sleep
    lessons::note("finished", name, fails ? 1 : 0);  // 1: it failed
    if (fails) {
        aio::log(name + " fails");
        throw aio::ValueError(name + " failed");  // @raise
    }
    aio::log(name + " done");
    co_return "data from " + name;
}

aio::Task<void> scenario(const lessons::Params& p, bool pitfall) {
    const double start = aio::time();
    const std::vector<double> delays = {p["delay_a"], p["delay_b"], p["delay_c"]};
    const int failing = p.integer("failing");  // which call raises: 1, 2 or 3 (0: none)
    // create_task schedules each call right away: all three run while main waits.
    std::vector<aio::Task<std::string>> tasks;
    for (int number = 1; number <= 3; ++number) {
        const std::string name = std::string("fetch-") + "abc"[number - 1];
        tasks.push_back(aio::create_task(fetch(name, delays[number - 1], number == failing), name));  // @create_task
    }
    aio::log("three tasks created, main awaits gather");

    if (!pitfall) {
        // return_exceptions: gather waits for every task and hands back errors as
        // results (aio::Result), always in argument order (not in finishing order).
        auto results = co_await aio::gather(aio::return_exceptions, tasks);  // @gather
        for (std::size_t i = 0; i < tasks.size(); ++i) {
            if (!results[i].ok()) {
                aio::log(tasks[i].name() + " -> " + results[i].message());
            } else {
                aio::log(tasks[i].name() + " -> " + results[i].value());
            }
            lessons::note("result", tasks[i].name(), results[i].ok() ? 0 : 1);  // 1: an exception
        }
    } else {
        bool failed = false;
        try {
            auto results = co_await aio::gather(tasks);  // @gather-raises
            aio::log(lessons::format("gather returned %zu results", results.size()));
        } catch (const aio::ValueError& error) {
            // The first error comes out of gather at once. The other tasks are
            // not cancelled: they keep running.
            std::string running;
            for (const auto& task : tasks) {
                if (!task.done()) {
                    running += (running.empty() ? "" : ", ") + task.name();
                    lessons::note("still-running", task.name());
                }
            }
            aio::log(lessons::format("gather raised ValueError: %s; still running: %s", error.what(),
                                     running.empty() ? "none" : running.c_str()));
            lessons::note("gather-raised");
            failed = true;
        }
        // C++ cannot co_await inside a catch block, so main waits for the rest here.
        if (failed) co_await aio::wait(tasks);  // @wait
    }
    // Side by side: the slowest call decides the total.
    aio::log(lessons::format("total %.3f s", aio::time() - start));
    lessons::note("total", "main", aio::time() - start);
}

}  // namespace lessons::tasks_gather
