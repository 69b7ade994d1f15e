// Task.cancel(msg): the message travels in the CancelledError raised at the task's await
// and out of `await task`. A task hands out the error its coroutine raised once (a second
// result() gives a bare CancelledError); a cancellation that never reached the coroutine
// keeps its message. A later cancel() without a message clears it.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> sleeper(std::string name) {
    try {
        co_await aio::sleep(1);
    } catch (const aio::CancelledError& e) {
        log(name, ": ", rules::describe_current(), " '", e.message(), "' at its await");
        throw;
    }
}

aio::Task<int> quitter() {
    aio::current_task().cancel("quit before return");
    log("quitter returns");
    co_return 1;
}

template <class T>
std::string result_of(const aio::Task<T>& task) {
    try {
        task.result();
        return "a result";
    } catch (const aio::CancelledError& e) {
        return rules::str(rules::describe_current(), " '", e.message(), "'");
    }
}

AIO_RULE(cancel_message) {
    auto a = aio::create_task(sleeper("a"), "a");
    co_await aio::sleep(0.1);
    log("cancel('stop') -> ", a.cancel("stop"));
    try {
        co_await a;
    } catch (const aio::CancelledError& e) {
        log("await a: ", rules::describe_current(), " '", e.message(), "'");
    }
    log("a.result(): ", result_of(a));

    auto b = aio::create_task(sleeper("b"), "b");
    b.cancel("before start");
    co_await aio::sleep(0);
    log("b.cancelled() ", b.cancelled());
    log("b.result(): ", result_of(b));
    log("b.result() again: ", result_of(b));

    auto c = aio::create_task(quitter(), "c");
    co_await aio::sleep(0);
    log("c.cancelled() ", c.cancelled());
    log("c.result(): ", result_of(c));
    log("c.result() again: ", result_of(c));

    auto d = aio::create_task(sleeper("d"), "d");
    co_await aio::sleep(0.1);
    d.cancel("first");
    d.cancel();
    co_await aio::sleep(0);
    log("d.result(): ", result_of(d));
}
}  // namespace
