// asyncio.wait(timeout=0) and as_completed(timeout=0): the timeout is a timer due at once, so
// they return (raise) one iteration later with what is done by then; the tasks go on.
#include "wait_common.hpp"

namespace {
using rules::log;
using rules::names;

aio::Task<std::string> job(std::string name, double delay) {
    co_await aio::sleep(delay);
    log(name, " done");
    co_return name;
}

AIO_RULE(wait_zero_timeout) {
    std::vector<aio::Task<std::string>> tasks;
    tasks.push_back(aio::create_task(job("a", 0.1), "a"));
    tasks.push_back(aio::create_task(job("b", 0.2), "b"));
    auto r = co_await aio::wait(tasks, aio::ALL_COMPLETED, 0);
    log("wait: done: ", names(r.done), " pending: ", names(r.pending));
    for (auto f : aio::as_completed(tasks, 0)) {
        try {
            std::string got = co_await f;
            log("got ", got);
        } catch (const aio::TimeoutError&) {
            log("as_completed raised ", rules::describe_current());
        }
    }
    co_await aio::gather(tasks);
    log("the tasks finished anyway");
}
}  // namespace
