// asyncio.create_task(coro, name=...) in 3.11 creates the task unnamed and names it then, so
// a named task uses up a "Task-N" number too; gather's and a TaskGroup's tasks take one each.
// (The main task is made by loop.create_task(name="main"), which takes none.)
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<std::string> child() {
    co_await aio::sleep(0);
    co_return aio::current_task().name();
}

AIO_RULE(task_name_numbers) {
    auto a = aio::create_task(child(), "a");
    auto b = aio::create_task(child());
    log("after a named task: ", b.get_name());
    auto names = co_await aio::gather(child(), child());
    log("gather's children: ", std::get<0>(names), ", ", std::get<1>(names));
    co_await aio::task_group([&](aio::TaskGroup& tg) -> aio::Task<> {
        tg.create_task(child(), "in-group");
        co_return;
    });
    auto c = aio::create_task(child());
    log("after the group: ", c.get_name());
    co_await a;
    co_await b;
    co_await c;
}
}  // namespace
