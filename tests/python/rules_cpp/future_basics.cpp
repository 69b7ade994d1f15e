// A Future: set_result wakes the task that awaits it (one iteration later, through the
// ready queue); setting it twice raises InvalidStateError; result() before that raises
// InvalidStateError; set_exception makes the await raise; cancel(msg) raises CancelledError
// with the message; cancelling a task that awaits a future cancels the future.
// sleep(delay, result) returns the result.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> producer(aio::Future<int> fut, double delay, int value) {
    co_await aio::sleep(delay);
    log("producer sets ", value);
    fut.set_result(value);
    log("done() ", fut.done());
}

aio::Task<> waiter(aio::Future<int> fut) {
    log("waiter awaits");
    try {
        int v = co_await fut;
        log("waiter got ", v);
    } catch (const aio::CancelledError& e) {
        log("waiter: ", rules::describe_current(), " '", e.message(), "'");
        throw;
    }
}

AIO_RULE(future_basics) {
    auto fut = aio::create_future<int>();
    try {
        fut.result();
    } catch (const aio::InvalidStateError&) {
        log("result() too early: ", rules::describe_current());
    }
    aio::create_task(producer(fut, 0.2, 7), "producer");
    int v = co_await fut;
    log("main got ", v);
    try {
        fut.set_result(8);
    } catch (const aio::InvalidStateError&) {
        log("set_result again: ", rules::describe_current());
    }
    log("result() ", fut.result(), ", exception() ", fut.exception() ? "an error" : "None");

    auto bad = aio::create_future<int>();
    bad.set_exception(rules::Boom("bad"));
    try {
        co_await bad;
    } catch (const rules::Boom&) {
        log("await bad: ", rules::describe_current());
    }

    auto c = aio::create_future<int>();
    auto w = aio::create_task(waiter(c), "waiter");
    co_await aio::sleep(0.1);
    log("c.cancel('no value') -> ", c.cancel("no value"));
    log("c.cancel() again -> ", c.cancel());
    try {
        co_await w;
    } catch (const aio::CancelledError& e) {
        log("await waiter: ", rules::describe_current(), " '", e.message(), "'");
    }
    try {
        c.result();
    } catch (const aio::CancelledError& e) {
        log("c.result(): ", rules::describe_current(), " '", e.message(), "'");
    }

    auto d = aio::create_future<int>();
    auto w2 = aio::create_task(waiter(d), "waiter2");
    co_await aio::sleep(0.1);
    w2.cancel("task stop");
    co_await aio::sleep(0);
    log("d.cancelled() ", d.cancelled());
    try {
        d.result();
    } catch (const aio::CancelledError& e) {
        log("d.result(): ", rules::describe_current(), " '", e.message(), "'");
    }
    try {
        co_await w2;
    } catch (const aio::CancelledError& e) {
        log("await waiter2: ", rules::describe_current(), " '", e.message(), "'");
    }

    std::string slept = co_await aio::sleep(0.5, std::string("slept"));
    log("sleep returned ", slept);
    int three = co_await aio::sleep(0, 3);
    log("sleep(0) returned ", three);
}
}  // namespace
