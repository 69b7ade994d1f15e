// Threads versus coroutines: the same job twice. Every worker waits for a reply and then adds 1
// to a shared counter in three steps: read, compute, write. Part 1 does it with "threads", part 2
// with tasks. Real threads cannot be replayed step by step, so part 1 plays the operating
// system's scheduler: a seeded coin decides whether it takes the CPU away from a thread between
// its read and its write. The C++ twin of lesson.py.
#include <aio/aio.hpp>
#include <lessons/facts.hpp>
#include <lessons/format.hpp>
#include <lessons/lesson.hpp>
#include <lessons/rng.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace lessons::threads {

constexpr double AUDIT = 0.005;  // seconds it takes to write the pitfall's audit record

// Python's module globals. C++ keeps one set per thread and resets it in scenario(), because
// the app runs the scenario many times in one process.
thread_local bool PITFALL = false;  // the tasks await something between their read and their write
thread_local int counter = 0;       // the shared counter: every worker adds 1

// The model of the operating system's scheduler for part 1. A real OS may take the CPU away
// from a thread after any instruction; this one does it only between the read and the write,
// where it hurts, and a seeded coin decides, so every run shows the same switches.
class Os {
public:
    Os(int chance, std::uint64_t seed) : chance_(chance), rng_(seed) {}

    aio::Task<void> may_switch(std::string name) {
        if (rng_.randint(1, 100) <= chance_) {  // @coin
            aio::log(format("OS: takes the CPU away from %s between its read and its write", name.c_str()));
            lessons::note("os-switch", name);
            co_await aio::sleep(0);  // the other ready threads run first; then it gets the CPU back  // @os-switch
        }
    }

private:
    int chance_;
    lessons::Rng rng_;
};

std::string updates(int n) { return n == 1 ? "1 update" : format("%d updates", n); }

// The log line of a write: `seen` was read, `before` is what the counter holds by now.
std::string written(const std::string& name, int seen, int before) {
    if (before == seen) return format("%s writes counter = %d", name.c_str(), seen + 1);
    return format("%s writes counter = %d, but counter was %d by now, not %d: %s lost", name.c_str(), seen + 1,
                  before, seen, updates(before - seen).c_str());
}

aio::Task<void> thread_worker(std::string name, double reply, Os& the_os) {
    co_await aio::sleep(reply);  // waits for its reply (a real thread blocks in recv())  // @thread-reply
    int seen = counter;  // 1. read  // @thread-read
    aio::log(format("%s reads counter = %d", name.c_str(), seen));
    co_await the_os.may_switch(name);  // the OS decides, not the thread  // @may-switch
    int updated = seen + 1;  // 2. compute
    int before = counter;  // what others wrote meanwhile shows here (only for the log)
    counter = updated;  // 3. write  // @thread-write
    aio::log(written(name, seen, before));
    if (before != seen) lessons::note("lost", name, before - seen);
}

aio::Task<void> write_audit_record() {
    co_await aio::sleep(AUDIT);  // stands in for an INSERT into an audit table  // @audit-write
}

aio::Task<void> task_worker(std::string name, double reply) {
    co_await aio::sleep(reply);  // waits for its reply; other tasks run meanwhile  // @task-reply
    int seen = counter;  // 1. read  // @task-read
    aio::log(format("%s reads counter = %d", name.c_str(), seen));
    if (PITFALL) {
        co_await write_audit_record();  // the pitfall: an await between read and write  // @audit
    }
    int updated = seen + 1;  // 2. compute
    int before = counter;  // what others wrote meanwhile shows here (only for the log)
    counter = updated;  // 3. write  // @task-write
    aio::log(written(name, seen, before));
    if (before != seen) lessons::note("lost", name, before - seen);
}

aio::Task<void> scenario(const Params& p, bool pitfall) {
    PITFALL = pitfall;
    counter = 0;
    const int WORKERS = p.integer("workers");
    const int CHANCE = p.integer("chance");
    const double REPLY = p["reply"];
    const double STAGGER = p["stagger"];

    // Part 1: WORKERS threads; the (modelled) OS decides when one of them loses the CPU.
    aio::log(format("part 1: %d threads; the OS may switch between read and write (%d %%)", WORKERS, CHANCE));
    Os the_os(CHANCE, 31);  // @os
    std::vector<aio::Task<void>> threads;
    for (int k = 1; k <= WORKERS; ++k) {
        threads.push_back(aio::create_task(thread_worker(format("thread-%d", k), REPLY + (k - 1) * STAGGER, the_os),  // @start-threads
                                           format("thread-%d", k)));
    }
    co_await aio::gather(std::move(threads));  // @join-threads
    aio::log(format("threads: counter = %d, expected %d: %s lost", counter, WORKERS, updates(WORKERS - counter).c_str()));
    lessons::note("threads-counter", "", counter);
    lessons::note("threads-lost", "", WORKERS - counter);

    // Part 2: the same job as tasks; a task gives up the loop only at an await.
    counter = 0;
    aio::log(format("part 2: %d tasks on one event loop%s", WORKERS,
                    PITFALL ? ", with an await between read and write" : ""));
    std::vector<aio::Task<void>> tasks;
    for (int k = 1; k <= WORKERS; ++k) {
        tasks.push_back(aio::create_task(task_worker(format("task-%d", k), REPLY + (k - 1) * STAGGER),  // @start-tasks
                                         format("task-%d", k)));
    }
    co_await aio::gather(std::move(tasks));  // @gather-tasks
    aio::log(format("tasks: counter = %d, expected %d: %s lost", counter, WORKERS, updates(WORKERS - counter).c_str()));
    lessons::note("tasks-counter", "", counter);
}

}  // namespace lessons::threads
