// asyncio.wait sorts the tasks into done and pending when it wakes up, not when it is
// released: a task whose timer fires at the wait's deadline, armed before the wait's own
// timeout, finishes first and counts as done; armed after it, the task is still pending. With
// FIRST_COMPLETED, a task that finishes in the iteration between the release and the wake-up
// is done too.
// From CPython 3.11 Lib/test/test_asyncio/test_tasks.py: BaseTaskTests.test_wait_concurrent_complete,
// test_wait_with_timeout, test_wait_really_done.
// convention: timer-ties: timers fall due at the same moment; CPython leaves their order open, vloop and aio fire them in creation order
#include "rule_registry.hpp"

#include <algorithm>
#include <vector>

namespace {
using rules::log;

std::string names(const std::vector<aio::Task<>>& tasks) {
    std::vector<std::string> n;
    for (const auto& t : tasks) n.push_back(t.get_name());
    std::sort(n.begin(), n.end());
    std::string out = "[";
    for (std::size_t i = 0; i < n.size(); ++i) out += (i ? ", '" : "'") + n[i] + "'";
    return out + "]";
}

aio::Task<> job(std::string name, double delay) {
    co_await aio::sleep(delay);
    log(name, " done");
}

aio::Task<> yielder(std::string name, int n) {
    for (int i = 0; i < n; ++i) co_await aio::sleep(0);
    log(name, " done");
}

AIO_RULE(tasks_wait_done_at_wakeup) {
    auto a = aio::create_task(job("a", 0.1), "a");
    auto b = aio::create_task(job("b", 0.15), "b");
    co_await aio::sleep(0);
    std::vector<aio::Task<>> ab{b, a};
    auto r1 = co_await aio::wait(ab, aio::ALL_COMPLETED, 0.1);
    log("timers armed first: done ", names(r1.done), " pending ", names(r1.pending));
    co_await b;

    auto c = aio::create_task(job("c", 0.1), "c");
    auto d = aio::create_task(job("d", 0.15), "d");
    std::vector<aio::Task<>> cd{d, c};
    auto r2 = co_await aio::wait(cd, aio::ALL_COMPLETED, 0.1);
    log("wait's timeout armed first: done ", names(r2.done), " pending ", names(r2.pending));
    co_await d;

    auto e = aio::create_task(yielder("e", 1), "e");
    auto f = aio::create_task(yielder("f", 2), "f");
    std::vector<aio::Task<>> ef{f, e};
    auto r3 = co_await aio::wait(ef, aio::FIRST_COMPLETED);
    log("FIRST_COMPLETED: done ", names(r3.done), " pending ", names(r3.pending));
}
}  // namespace
