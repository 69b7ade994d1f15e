// A task that loops over gather(sleep(...), return_exceptions=True) and is cancelled with a
// message (here at the very moment a child's sleep ends): even with return_exceptions the
// gather raises CancelledError when it was cancelled itself, and the message comes out of the
// await on the task. Without a message, the error has none.
// From CPython 3.11 Lib/test/test_asyncio/test_tasks.py: BaseTaskTests.test_cancel_gather_2.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<> nap(double seconds) { co_await aio::sleep(seconds); }

aio::Task<std::string> looping(std::string name) {
    int rounds = 0;
    while (true) {
        rounds += 1;
        try {
            co_await aio::gather(aio::return_exceptions, nap(0.05));
        } catch (const aio::CancelledError& e) {
            log(name, ": gather raised ", rules::describe_current(), " '", e.message(), "' in round ", rounds);
            throw;
        }
        if (rounds > 20) co_return "finished";
    }
}

AIO_RULE(tasks_cancel_gather_message) {
    for (const char* msg : {"", "my message"}) {
        std::string name = rules::str("looping(", *msg ? msg : "None", ")");
        auto t = aio::create_task(looping(name), name);
        co_await aio::sleep(0.2);
        log("cancel ", name, " -> ", t.cancel(msg));
        try {
            co_await t;
        } catch (const aio::CancelledError& e) {
            log("await ", name, ": ", rules::describe_current(), " '", e.message(), "'");
        }
    }
}
}  // namespace
