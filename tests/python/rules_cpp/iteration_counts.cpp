// How many loop iterations each kind of wait costs when the awaited work finishes at once.
// asyncio wakes a waiter through done callbacks scheduled with call_soon, one hop per iteration:
// awaiting a task costs 2 iterations, gather 3, wait_for 3 ... The ticker counts them.
#include "rule_registry.hpp"

#include <vector>

namespace {
using rules::log;

int tick = 0;

aio::Task<> ticker() {
    while (true) {
        tick += 1;
        co_await aio::sleep(0);
    }
}

aio::Task<int> quick(int x) { co_return x; }

aio::Task<int> get_one(aio::Queue<int>& q) { co_return co_await q.get(); }

aio::Task<> wait_event(aio::Event& ev) { co_await ev.wait(); }

AIO_RULE(iteration_counts) {
    auto t = aio::create_task(ticker(), "ticker");
    co_await aio::sleep(0);

    int before = tick;
    co_await aio::create_task(quick(1), "q");
    log("await task: ", tick - before);

    before = tick;
    co_await aio::gather(quick(1), quick(2));
    log("gather: ", tick - before);

    before = tick;
    co_await aio::wait_for(quick(1), 1);
    log("wait_for: ", tick - before);

    before = tick;
    std::vector<aio::Task<int>> ws{aio::create_task(quick(1), "w")};
    co_await aio::wait(ws);
    log("wait: ", tick - before);

    before = tick;
    co_await aio::shield(aio::create_task(quick(1), "s"));
    log("shield: ", tick - before);

    before = tick;
    co_await aio::task_group([&](aio::TaskGroup& tg) -> aio::Task<> {
        tg.create_task(quick(1), "g");
        co_return;
    });
    log("TaskGroup: ", tick - before);

    aio::Queue<int> q;
    auto getter = aio::create_task(get_one(q), "getter");
    co_await aio::sleep(0);
    before = tick;
    q.put_nowait(1);
    co_await getter;
    log("Queue.get woken by put: ", tick - before);

    aio::Event ev;
    auto waiter = aio::create_task(wait_event(ev), "waiter");
    co_await aio::sleep(0);
    before = tick;
    ev.set();
    co_await waiter;
    log("Event.wait woken by set: ", tick - before);

    before = tick;
    co_await aio::timeout(1, [&](aio::Timeout&) -> aio::Task<> { co_await quick(1); });
    log("timeout scope without await: ", tick - before);
    t.cancel();
}
}  // namespace
