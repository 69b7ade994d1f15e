// aclose() raises GeneratorExit at the suspended co_yield; the cleanup runs and may await, in the
// task that awaits aclose(). A generator dropped at a co_yield without aclose() is closed by the
// loop's finalizer hook: a new task runs aclose() one iteration later.
#include "rule_registry.hpp"

namespace {
using rules::log;

// The finalizer's task has no name of its own. Its number differs: asyncio.create_task(coro,
// name=...) takes a number in CPython 3.11 (the name is set afterwards), aio's does not.
std::string where() {
    const std::string& name = aio::current_task().name();
    return name.rfind("Task-", 0) == 0 ? "an unnamed task" : name;
}

aio::AsyncGenerator<int> pages(std::string name, int n) {
    std::exception_ptr error;  // try/finally: C++ cannot co_await in a catch block
    try {
        for (int i = 0; i < n; ++i) {
            co_await aio::sleep(0.1);
            co_yield i;
        }
    } catch (const aio::GeneratorExit&) {
        log(name, ": GeneratorExit at the yield");
        error = std::current_exception();
    } catch (...) {
        error = std::current_exception();
    }
    log(name, ": cleanup in ", where());
    co_await aio::sleep(0.05);
    log(name, ": cleanup done");
    if (error) std::rethrow_exception(error);
}

aio::Task<> closing() {
    auto gen = pages("closed", 5);
    while (auto page = co_await gen.next()) {
        log("closing got ", *page);
        if (*page == 1) break;
    }
    log("closing calls aclose");
    co_await gen.aclose();
    log("aclose returned");
    co_await gen.aclose();
    log("second aclose returned");
}

aio::Task<> dropping() {
    {
        auto gen = pages("dropped", 5);  // Python: the generator lives as long as the async for
        while (auto page = co_await gen.next()) {
            log("dropping got ", *page);
            if (*page == 1) break;
        }
    }
    log("dropping left the loop");
    co_await aio::sleep(0);
    log("dropping one iteration later");
    co_await aio::sleep(0);
    log("dropping two iterations later");
}

AIO_RULE(asyncgen_aclose_cleanup) {
    co_await aio::create_task(closing(), "closing");
    co_await aio::create_task(dropping(), "dropping");
    co_await aio::sleep(1);
    log("main done");
}
}  // namespace
