// A task that awaits itself gets RuntimeError, not a deadlock; the error is thrown into the
// task one loop iteration later (the ticker shows the step in between), the task can catch it
// and go on.
// From CPython 3.11 Lib/test/test_asyncio/test_tasks.py: BaseTaskTests.test_task_awaits_on_itself.
#include "rule_registry.hpp"

#include <map>

namespace {
using rules::log;

aio::Task<> ticker() {
    for (int i = 0; i < 3; ++i) {
        log("tick ", i);
        co_await aio::sleep(0);
    }
}

aio::Task<std::string> selfish(std::map<std::string, aio::Task<std::string>>& handles) {
    log("selfish awaits itself");
    try {
        co_await handles["self"];
    } catch (const aio::RuntimeError&) {
        log("selfish caught ", rules::describe_current());
    }
    co_await aio::sleep(0);
    co_return "survived";
}

AIO_RULE(tasks_await_itself) {
    std::map<std::string, aio::Task<std::string>> handles;
    auto t = aio::create_task(selfish(handles), "selfish");
    handles["self"] = t;
    aio::create_task(ticker(), "ticker");
    log("selfish -> ", co_await t);
}
}  // namespace
