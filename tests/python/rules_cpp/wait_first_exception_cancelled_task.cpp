// asyncio.wait(FIRST_EXCEPTION): a task that ends cancelled is not an exception; wait goes on
// until one raises (or all are done).
#include "wait_common.hpp"

namespace {
using rules::log;
using rules::names;

aio::Task<std::string> job(std::string name, double delay, bool fail) {
    co_await aio::sleep(delay);
    if (fail) throw rules::Boom(name);
    log(name, " done");
    co_return name;
}

AIO_RULE(wait_first_exception_cancelled_task) {
    auto a = aio::create_task(job("a", 1, false), "a");
    auto b = aio::create_task(job("b", 2, true), "b");
    auto c = aio::create_task(job("c", 3, false), "c");
    co_await aio::sleep(0.5);
    log("cancel a -> ", a.cancel());
    std::vector<aio::Task<std::string>> all{a, b, c};  // (GCC 12: no braced list inside a co_await)
    auto r = co_await aio::wait(all, aio::FIRST_EXCEPTION);
    log("done: ", names(r.done), " pending: ", names(r.pending));
    log("b: ", rules::describe(b.exception()));
    c.cancel();
    co_await aio::sleep(0);
}
}  // namespace
