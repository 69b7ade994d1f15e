// The awaitables as_completed yields are interchangeable: each await takes the next result to
// arrive, whichever of them is awaited, so awaiting the second one first gives the earliest
// result. The same coroutine given twice is run once and reported once.
// From CPython 3.11 Lib/test/test_asyncio/test_tasks.py: BaseTaskTests.test_as_completed_reverse_wait,
// test_as_completed_duplicate_coroutines, test_as_completed_with_unused_timeout.
#include "rule_registry.hpp"

#include <vector>

namespace {
using rules::log;

aio::Task<std::string> job(std::string name, double delay) {
    co_await aio::sleep(delay);
    log(name, " finished");
    co_return name;
}

AIO_RULE(tasks_as_completed_any_order) {
    auto a = aio::create_task(job("a", 0.05), "a");
    auto b = aio::create_task(job("b", 0.1), "b");
    std::vector<aio::Task<std::string>> ba{b, a};
    auto range = aio::as_completed(ba, 1);
    std::vector<decltype(*range.begin())> futs;
    for (auto next : range) futs.push_back(next);
    log(futs.size(), " awaitables");
    std::string x = co_await futs[1];
    log("second awaitable -> ", x);
    std::string y = co_await futs[0];
    log("first awaitable -> ", y);

    auto c = job("ham", 0.2);
    std::vector<std::string> results;
    std::vector<aio::Task<std::string>> ccs{c, c, job("spam", 0.1)};
    for (auto f : aio::as_completed(ccs)) {
        results.push_back(co_await f);
    }
    std::string shown = "[";
    for (std::size_t i = 0; i < results.size(); ++i) shown += (i ? ", '" : "'") + results[i] + "'";
    log("results ", shown, "]");
    co_await aio::sleep(2);
    log("the unused timeout did nothing");
}
}  // namespace
