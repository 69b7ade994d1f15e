// gather() given the same coroutine several times runs it once, as one task, and puts its
// result at every place it was given; the task's done callback wakes the gather once it and
// the other child are done.
// From CPython 3.11 Lib/test/test_asyncio/test_tasks.py: CoroutineGatherTests.test_duplicate_coroutines.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<std::string> job(std::string name, double delay) {
    log(name, " runs");
    co_await aio::sleep(delay);
    log(name, " finished");
    co_return name;
}

AIO_RULE(tasks_gather_same_coroutine) {
    auto c = job("abc", 0.2);
    auto [r0, r1, r2, r3] = co_await aio::gather(c, c, job("def", 0.1), c);
    log("gather -> ['", r0, "', '", r1, "', '", r2, "', '", r3, "']");
}
}  // namespace
