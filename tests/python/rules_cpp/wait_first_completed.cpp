// asyncio.wait(FIRST_COMPLETED) returns when any task finishes; the rest keep running.
#include "wait_common.hpp"

namespace {
using rules::log;
using rules::names;

aio::Task<std::string> job(std::string name, double delay) {
    co_await aio::sleep(delay);
    log(name, " done");
    co_return name;
}

AIO_RULE(wait_first_completed) {
    std::vector<aio::Task<std::string>> tasks;
    for (auto [n, d] : {std::pair{"a", 0.3}, std::pair{"b", 0.1}, std::pair{"c", 0.2}})
        tasks.push_back(aio::create_task(job(n, d), n));
    auto r = co_await aio::wait(tasks, aio::FIRST_COMPLETED);
    log("done: ", names(r.done), " pending: ", names(r.pending));
    r = co_await aio::wait(r.pending, aio::FIRST_COMPLETED);
    log("done: ", names(r.done), " pending: ", names(r.pending));
    co_await tasks[0];
    log("a awaited");
}
}  // namespace
