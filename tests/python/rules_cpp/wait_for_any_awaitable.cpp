// wait_for takes a coroutine (it becomes a task), a running task or a future. With
// timeout=None it is a plain await: a coroutine then runs inline in the caller's task,
// no task is created. On timeout a future is cancelled like a task.
#include "rule_registry.hpp"

#include <optional>

namespace {
using rules::describe;
using rules::log;

aio::Task<std::string> job(std::string name, double delay) {
    log(name, " runs in ", aio::current_task().name());
    co_await aio::sleep(delay);
    co_return name;
}

aio::Task<> set_later(aio::Future<std::string> fut, double delay, std::string value) {
    co_await aio::sleep(delay);
    if (!fut.done()) {
        fut.set_result(value);
        log("set ", value);
    } else {
        log("too late for ", value, ": cancelled() ", fut.cancelled());
    }
}

AIO_RULE(wait_for_any_awaitable) {
    log("None, coroutine: ", co_await aio::wait_for(job("a", 0.1), std::nullopt));
    auto t = aio::create_task(job("b", 0.3), "task-b");
    log("running task: ", co_await aio::wait_for(t, 1));
    auto t2 = aio::create_task(job("c", 0.2), "task-c");
    log("None, task: ", co_await aio::wait_for(t2, std::nullopt));
    auto done = aio::create_task(job("d", 0), "task-d");
    co_await aio::sleep(0.1);
    log("finished task, timeout 0: ", co_await aio::wait_for(done, 0));

    auto f = aio::create_future<std::string>();
    aio::create_task(set_later(f, 0.2, "f value"), "setter-f");
    log("future: ", co_await aio::wait_for(f, 1));

    auto g = aio::create_future<std::string>();
    aio::create_task(set_later(g, 1, "g value"), "setter-g");
    try {
        co_await aio::wait_for(g, 0.5);
    } catch (const aio::TimeoutError& e) {
        log("future: ", rules::describe_current(), " from ", describe(e.cause()), ", g.cancelled() ", g.cancelled());
    }
    co_await aio::sleep(1);

    auto h = aio::create_future<std::string>();
    aio::create_task(set_later(h, 0.2, "h value"), "setter-h");
    log("None, future: ", co_await aio::wait_for(h, std::nullopt));
}
}  // namespace
