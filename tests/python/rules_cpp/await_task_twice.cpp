// A task's result (or exception) can be awaited any number of times; awaiting a finished
// task does not yield to the loop.
// (The ticker starts only after the sleeps: a task that always stays ready keeps the virtual
// clock from moving.)
#include "rule_registry.hpp"

namespace {
using rules::log;

int tick = 0;

aio::Task<> ticker() {
    while (true) {
        tick += 1;
        co_await aio::sleep(0);
    }
}

aio::Task<int> job() {
    co_await aio::sleep(0.1);
    co_return 5;
}

aio::Task<> bad() {
    co_await aio::sleep(0.1);
    throw rules::Boom("once");
}

AIO_RULE(await_task_twice) {
    auto j = aio::create_task(job(), "job");
    auto b = aio::create_task(bad(), "bad");
    log("first await ", co_await j);
    auto t = aio::create_task(ticker(), "ticker");
    co_await aio::sleep(0);
    int before = tick;
    int second = co_await j;
    log("second await ", second, ", iterations passed ", tick - before);
    for (int attempt : {1, 2}) {
        try {
            co_await b;
        } catch (const rules::Boom&) {
            log("await bad #", attempt, ": caught ", rules::describe_current());
        }
    }
    log("exception() ", rules::describe(b.exception()));
    t.cancel();
}
}  // namespace
