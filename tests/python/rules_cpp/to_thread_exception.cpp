// asyncio.to_thread: an exception raised by the function is raised again in the awaiting task,
// the same exception with its message; the task can catch it and go on.
#include "rule_registry.hpp"

namespace {
using rules::log;

int read_config(std::string path) {
    aio::blocking_sleep(0.25);
    throw rules::Boom("no such file: " + path);
}

AIO_RULE(to_thread_exception) {
    try {
        co_await aio::to_thread(read_config, std::string("app.ini"));
    } catch (const rules::Boom&) {
        log("caught ", rules::describe_current());
    }
    auto t = aio::create_task(aio::to_thread(read_config, std::string("other.ini")), "reader");
    try {
        co_await t;
    } catch (const rules::Boom&) {
        log("task reader raised ", rules::describe_current());
    }
    co_await aio::to_thread(read_config, std::string("last.ini"));
    log("not reached");
}
}  // namespace
