// Task lifetime: main starts JOBS background jobs and does not await them. Job i takes
// i * LATENCY seconds; job FAIL raises. A set keeps every task alive until it is done, and each
// task's done callback takes it out again and reads its outcome. aio::all_tasks() shows what
// is still running. With the pitfall the tasks go into a list that nobody looks at again.
// The C++ twin of lesson.py.
#include <aio/aio.hpp>
#include <lessons/facts.hpp>
#include <lessons/format.hpp>
#include <lessons/lesson.hpp>

#include <algorithm>
#include <exception>
#include <set>
#include <string>
#include <vector>

namespace lessons::task_lifetime {

// Python's module globals. C++ keeps one set per thread and resets it in scenario(), because
// the app runs the scenario many times in one process.
thread_local int JOBS = 4;             // background jobs
thread_local int FAIL = 2;             // the job that fails (0: none; above JOBS: the last one)
thread_local double LATENCY = 0.3;     // seconds: job i takes i * LATENCY
thread_local bool PITFALL = false;     // fire and forget, nobody reads the jobs' outcome

thread_local std::set<aio::Task<>> background;  // strong references to the running jobs
thread_local int failed = 0;                    // failures the program noticed

// repr() of the error, as Python prints it: ValueError('...').
std::string repr(const std::exception_ptr& error) {
    try {
        std::rethrow_exception(error);
    } catch (const aio::Error& e) {
        return format("%s('%s')", e.type_name(), e.what());
    } catch (...) {
        return "?";
    }
}

aio::Task<void> job(int number) {
    co_await aio::sleep(number * LATENCY);  // sending a report  // @work
    if (number == std::min(FAIL, JOBS)) {
        lessons::note("raised", format("job-%d", number), number);
        throw aio::ValueError(format("job %d: mail server not reachable", number));  // @raise
    }
    aio::log(format("job-%d: report sent", number));
}

void job_done(const aio::Task<>& task) {
    // Done callback: runs from the loop once the task is done.
    background.erase(task);  // the set lets go of the task  // @discard
    if (!task.cancelled() && task.exception()) {  // reading it counts as retrieved  // @retrieve
        failed += 1;
        aio::log(format("%s failed: %s", task.get_name().c_str(), repr(task.exception()).c_str()));  // @report
        lessons::note("reported", task.get_name(), failed);
    }
}

// The names of the tasks that are not done yet, except the one asking.
std::vector<std::string> still_running() {
    const std::uint32_t me = aio::current_task().id();
    std::vector<std::string> names;
    for (const aio::TaskRef& t : aio::all_tasks())  // @all_tasks
        if (t.id() != me) names.push_back(t.get_name());
    std::sort(names.begin(), names.end());
    return names;
}

aio::Task<void> scenario(const Params& p, bool pitfall) {
    JOBS = p.integer("jobs");
    FAIL = p.integer("fail");
    LATENCY = p["latency"];
    PITFALL = pitfall;
    background.clear();
    failed = 0;

    std::vector<aio::Task<>> started;
    for (int number = 1; number <= JOBS; ++number) {
        auto task = aio::create_task(job(number), format("job-%d", number));  // a name shows up everywhere  // @create
        if (PITFALL) {
            started.push_back(task);  // kept, but nobody ever looks at it again  // @forget
        } else {
            background.insert(task);  // @keep
            task.add_done_callback(job_done);  // @callback
        }
    }
    const std::size_t listed = aio::all_tasks().size();
    aio::log(format("%d jobs started, all_tasks() lists %zu tasks", JOBS, listed));  // @count
    lessons::note("all-tasks", "main", static_cast<double>(listed));
    co_await aio::sleep(LATENCY / 2);
    while (true) {
        const std::vector<std::string> running = still_running();
        std::string names;
        for (const std::string& n : running) names += (names.empty() ? "" : ", ") + n;
        aio::log("still running: " + (names.empty() ? std::string("nothing") : names));  // @check
        lessons::note("running", "main", static_cast<double>(running.size()));
        if (running.empty()) break;
        co_await aio::sleep(LATENCY);  // @poll
    }
    aio::log(format("main done: %d of %d jobs failed", failed, JOBS));  // @summary
    lessons::note("failed", "main", failed);
    // Here main's frame ends and `started` goes with it: the last handles on the jobs.
}

}  // namespace lessons::task_lifetime
