// The cancel message and gather: without return_exceptions the child's CancelledError
// (its message included) is what the gather raises; gather.cancel(msg) passes the message
// to the children. With return_exceptions, CPython 3.11 reports CancelledError(_cancel_message):
// empty for a child whose coroutine raised it, the message for one cancelled on return.
#include "rule_registry.hpp"

#include <tuple>

namespace {
using rules::log;

aio::Task<std::string> job(std::string name, double delay) {
    co_await aio::sleep(delay);
    log(name, " done");
    co_return name;
}

aio::Task<std::string> quitter() {
    aio::current_task().cancel("quit before return");
    co_return "quitter";
}

aio::Task<> cancel_later(aio::Task<std::string> task, double delay, std::string msg) {
    co_await aio::sleep(delay);
    log("cancel ", task.name(), " with '", msg, "'");
    task.cancel(msg);
}

AIO_RULE(cancel_message_gather) {
    auto v = aio::create_task(job("v", 1), "v");
    aio::create_task(cancel_later(v, 0.1, "child stop"), "canceller");
    try {
        co_await aio::gather(job("w", 0.5), v);
    } catch (const aio::CancelledError& e) {
        log("gather raised ", rules::describe_current(), " '", e.message(), "'");
    }
    co_await aio::sleep(1);

    {
        auto g = aio::gather(job("x", 0.5), job("y", 1));
        co_await aio::sleep(0.1);
        log("g.cancel('all stop') -> ", g.cancel("all stop"));
        try {
            co_await g;
        } catch (const aio::CancelledError& e) {
            log("gather raised ", rules::describe_current(), " '", e.message(), "'");
        }
    }

    auto r = aio::create_task(job("r", 1), "r");
    aio::create_task(cancel_later(r, 0.1, "r stop"), "canceller2");
    auto results = co_await aio::gather(aio::return_exceptions, job("s", 0.2), r, quitter());
    std::apply(
        [](const auto&... x) {
            auto show = [](const auto& res) {
                if (res.ok()) {
                    log("result ", res.value());
                    return;
                }
                try {
                    std::rethrow_exception(res.error());
                } catch (const aio::CancelledError& e) {
                    log("result ", rules::describe_current(), " '", e.message(), "'");
                } catch (...) {
                    log("result ", rules::describe_current());
                }
            };
            (show(x), ...);
        },
        results);
}
}  // namespace
