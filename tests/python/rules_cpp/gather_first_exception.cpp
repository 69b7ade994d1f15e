// Without return_exceptions, gather raises the first exception at once;
// the other tasks are not cancelled and keep running.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<std::string> job(std::string name, double delay) {
    co_await aio::sleep(delay);
    log(name, " done");
    co_return name;
}

aio::Task<std::string> failing(std::string name, double delay) {
    co_await aio::sleep(delay);
    log(name, " raises");
    throw rules::Boom(name);
}

AIO_RULE(gather_first_exception) {
    try {
        co_await aio::gather(job("slow", 0.3), failing("bad", 0.1), failing("worse", 0.2));
    } catch (const rules::Boom&) {
        log("caught ", rules::describe_current());
    }
    co_await aio::sleep(0.5);
    log("main done");
}
}  // namespace
