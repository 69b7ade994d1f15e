// @asynccontextmanager: the code before the one co_yield is __aenter__, the code after it
// __aexit__; an exception of the body is raised at the co_yield, and the context manager may
// suppress it (aio::async_with over an AsyncGenerator).
#include "rule_registry.hpp"

namespace {
using rules::log;

aio::AsyncGenerator<std::string> connection(std::string name, bool swallow) {
    log(name, ": open");
    co_await aio::sleep(0.1);
    std::exception_ptr error;
    try {
        co_yield name + "-conn";
    } catch (const rules::Boom&) {
        log(name, ": body raised ", rules::describe_current());
        if (!swallow) error = std::current_exception();
    } catch (...) {
        error = std::current_exception();
    }
    co_await aio::sleep(0.1);  // finally
    log(name, ": closed");
    if (error) std::rethrow_exception(error);
}

AIO_RULE(asyncgen_context_manager) {
    co_await aio::async_with(connection("a", false), [](std::string& conn) -> aio::Task<> {
        log("using ", conn);
        co_await aio::sleep(0.5);
    });
    log("after a");
    try {
        co_await aio::async_with(connection("b", false), [](std::string&) -> aio::Task<> {
            co_await aio::sleep(0.2);
            throw rules::Boom("query failed");
        });
    } catch (const rules::Boom&) {
        log("main caught ", rules::describe_current());
    }
    co_await aio::async_with(connection("c", true), [](std::string&) -> aio::Task<> {
        throw rules::Boom("swallowed");
        co_return;
    });
    log("after c");
}
}  // namespace
