// asyncio.wait(FIRST_EXCEPTION) returns at the first error (or when all are done).
#include "wait_common.hpp"

namespace {
using rules::describe;
using rules::log;
using rules::names;

aio::Task<std::string> job(std::string name, double delay) {
    co_await aio::sleep(delay);
    log(name, " done");
    co_return name;
}

aio::Task<std::string> failing(std::string name, double delay) {
    co_await aio::sleep(delay);
    log(name, " raises");
    throw rules::Boom(name);
}

AIO_RULE(wait_first_exception) {
    std::vector<aio::Task<std::string>> tasks{aio::create_task(job("a", 0.1), "a"),
                                              aio::create_task(failing("b", 0.2), "b"),
                                              aio::create_task(job("c", 0.5), "c")};
    auto r = co_await aio::wait(tasks, aio::FIRST_EXCEPTION);
    log("done: ", names(r.done), " pending: ", names(r.pending));
    log("b raised ", describe(tasks[1].exception()));
    std::vector<aio::Task<std::string>> others{aio::create_task(job("d", 0.1), "d"),
                                               aio::create_task(job("e", 0.2), "e")};
    r = co_await aio::wait(others, aio::FIRST_EXCEPTION);
    log("no error: done: ", names(r.done), " pending: ", names(r.pending));
    co_await tasks[2];
}
}  // namespace
