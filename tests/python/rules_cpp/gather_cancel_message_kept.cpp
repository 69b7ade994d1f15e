// A task keeps the message of a cancel(msg) it swallowed (Task._cancel_message) after it
// finishes, and a cancelled gather raises the CancelledError of its last child
// (_make_cancelled_error()): the message of a child that returned normally, or failed.
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::Task<int> child(std::string name, aio::TaskRef waiter, bool fail) {
    waiter.cancel("from " + name);  // gather.cancel() -> child.cancel(msg) while it runs
    try {
        co_await aio::sleep(0.1);
    } catch (const aio::CancelledError& e) {
        log(name, " swallows ", rules::describe_current(), " '", e.message(), "'");
    }
    if (fail) {
        log(name, " raises");
        throw rules::Boom(name);
    }
    log(name, " returns");
    co_return 1;
}

aio::Task<> waiter(std::string name, bool fail) {
    aio::TaskRef me = aio::current_task();
    auto c = aio::create_task(child(name + "-child", me, fail), name + "-child");
    try {
        co_await aio::gather(aio::return_exceptions, c);
        log(name, ": gather returned");
    } catch (const aio::CancelledError& e) {
        log(name, ": gather raised ", rules::describe_current(), " '", e.message(), "'");
    }
    log(name, ": child cancelled? ", c.cancelled());
}

AIO_RULE(gather_cancel_message_kept) {
    co_await aio::create_task(waiter("a", false), "a");
    co_await aio::create_task(waiter("b", true), "b");
}
}  // namespace
