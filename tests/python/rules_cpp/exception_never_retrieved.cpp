// A task that failed and whose exception nobody read (result(), exception(), await, gather,
// TaskGroup) reports "Task exception was never retrieved" the moment its last reference goes:
// at once for a task nobody holds, when the variable lets go of it, when main's frame ends.
// asyncio.wait does not read the exception; gather and task.exception() do.
// convention: timer-ties: timers fall due at the same moment; CPython leaves their order open, vloop and aio fire them in creation order
#include "rule_registry.hpp"

namespace {
using rules::Boom;
using rules::log;

// repr() of the rule's Boom, as Python prints it: Boom('name').
std::string repr(std::exception_ptr e) {
    try {
        std::rethrow_exception(e);
    } catch (const Boom& b) {
        return std::string("Boom('") + b.what() + "')";
    } catch (...) {
        return "?";
    }
}

aio::Task<> job(std::string name, double delay, bool fail) {
    co_await aio::sleep(delay);
    if (fail) throw Boom(name);
    log(name, " ok");
}

AIO_RULE(exception_never_retrieved) {
    aio::create_task(job("forgotten", 0.5, true), "forgotten");
    auto held = aio::create_task(job("held", 1, true), "held");
    auto asked = aio::create_task(job("asked", 1, true), "asked");
    auto awaited = aio::create_task(job("awaited", 1, true), "awaited");
    auto waited = aio::create_task(job("waited", 1, true), "waited");
    auto kept = aio::create_task(job("kept", 1, true), "kept");
    auto fine = aio::create_task(job("fine", 1, false), "fine");
    auto results = co_await aio::gather(aio::return_exceptions, job("g1", 1, true), job("g2", 1, false));
    log("gather gave ", std::tuple_size_v<decltype(results)>, " results");
    log("asked: ", repr(asked.exception()));
    std::string raised;
    try {
        co_await awaited;
    } catch (const Boom& e) {
        raised = repr(std::current_exception());
    }
    log("awaited raised ", raised);
    std::vector<aio::Task<>> to_wait{waited};  // (named: GCC 12 cannot take a braced list inside co_await)
    auto w = co_await aio::wait(std::move(to_wait));
    log("wait: ", w.done.size(), " done");
    co_await aio::sleep(1);
    log("dropping held");
    held = {};
    log("dropping the rest");
    asked = {};
    awaited = {};
    fine = {};
    w.done.clear();
    waited = {};
    log("kept done ", kept.done());
    log("main done");
}
}  // namespace
