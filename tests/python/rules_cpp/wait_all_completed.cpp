// asyncio.wait(ALL_COMPLETED) waits for every task; with a timeout it returns what is done.
#include "wait_common.hpp"

namespace {
using rules::log;
using rules::names;

aio::Task<std::string> job(std::string name, double delay) {
    co_await aio::sleep(delay);
    log(name, " done");
    co_return name;
}

AIO_RULE(wait_all_completed) {
    std::vector<aio::Task<std::string>> tasks;
    for (auto [n, d] : {std::pair{"a", 0.3}, std::pair{"b", 0.1}, std::pair{"c", 0.2}})
        tasks.push_back(aio::create_task(job(n, d), n));
    auto r = co_await aio::wait(tasks, aio::ALL_COMPLETED);
    log("done: ", names(r.done), " pending: ", names(r.pending));
    std::vector<aio::Task<std::string>> more;
    for (auto [n, d] : {std::pair{"d", 0.5}, std::pair{"e", 0.1}})
        more.push_back(aio::create_task(job(n, d), n));
    r = co_await aio::wait(more, aio::ALL_COMPLETED, 0.25);
    log("timeout: done: ", names(r.done), " pending: ", names(r.pending));
    co_await more[0];
}
}  // namespace
