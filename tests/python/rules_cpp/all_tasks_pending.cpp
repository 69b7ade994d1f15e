// asyncio.all_tasks(): the loop's tasks that are not done yet, the running one included. A task
// created but not started yet is in it; a finished one is not, even while a variable holds it.
// (Python returns a set: both sides print the names sorted.)
#include "rule_registry.hpp"

#include <algorithm>
#include <vector>

namespace {
using rules::log;

void show(const std::string& label) {
    std::vector<std::string> names;
    for (const aio::TaskRef& t : aio::all_tasks()) names.push_back(t.get_name());
    std::sort(names.begin(), names.end());
    std::string joined;
    for (const auto& n : names) joined += (joined.empty() ? "" : " ") + n;
    log(label, ": ", names.size(), " ", joined);
}

aio::Task<> job(double delay) { co_await aio::sleep(delay); }

AIO_RULE(all_tasks_pending) {
    show("start");
    auto a = aio::create_task(job(1), "a");
    auto b = aio::create_task(job(2), "b");
    auto c = aio::create_task(job(3), "c");
    show("created");
    co_await aio::sleep(1.5);
    show("after 1.5");
    log("a done ", a.done());
    c.set_name("renamed");
    log("current ", aio::current_task().get_name());
    co_await b;
    show("after b");
    co_await c;
    show("after c");
}
}  // namespace
