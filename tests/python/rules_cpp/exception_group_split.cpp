// ExceptionGroup: str() counts the sub-exceptions, .message and .exceptions are what the
// TaskGroup put in; split() and subgroup() keep the nesting and the message, and return
// None for an empty side. `except*` handles one kind and lets the rest propagate.
// convention: timer-ties: timers fall due at the same moment; CPython leaves their order open, vloop and aio fire them in creation order
#include "rule_registry.hpp"

#include <optional>

namespace {
using rules::describe;
using rules::log;

aio::Task<> fail_boom(std::string name, double delay) {
    co_await aio::sleep(delay);
    log(name, " raises");
    throw rules::Boom(name);
}

aio::Task<> fail_value(double delay) {
    co_await aio::sleep(delay);
    log("value raises");
    throw aio::ValueError("bad value");
}

std::string show(const std::optional<aio::ExceptionGroup>& eg) {
    if (!eg) return "None";
    return rules::str(describe(std::make_exception_ptr(*eg)), " '", eg->str(), "'");
}

bool is_inner_group(const std::exception_ptr& e) {
    try {
        std::rethrow_exception(e);
    } catch (const aio::ExceptionGroup& g) {
        return g.message() == "inner";
    } catch (...) {
        return false;
    }
}

AIO_RULE(exception_group_split) {
    try {
        co_await aio::task_group([&](aio::TaskGroup& tg) -> aio::Task<> {
            tg.create_task(fail_boom("a", 0.1), "a");
            tg.create_task(fail_value(0.1), "value");
            co_return;
        });
    } catch (const aio::ExceptionGroup& eg) {
        log("str: ", eg.str());
        log("message: ", eg.message(), ", ", eg.exceptions().size(), " exceptions: ", rules::describe_current());
        auto [match, rest] = eg.split<aio::ValueError>();
        log("split(ValueError): ", show(match), " / ", show(rest));
        log("subgroup(Boom): ", show(eg.subgroup<rules::Boom>()));
        log("subgroup(TypeError): ", show(eg.subgroup<aio::TypeError>()));
        log("subgroup(all): ", show(eg.subgroup([](const std::exception_ptr&) { return true; })));
    }

    aio::ExceptionGroup nested(
        "outer", {std::make_exception_ptr(rules::Boom("x")),
                  std::make_exception_ptr(aio::ExceptionGroup(
                      "inner", {std::make_exception_ptr(aio::ValueError("y")), std::make_exception_ptr(rules::Boom("z"))}))});
    log("nested: ", show(nested));
    {
        auto [match, rest] = nested.split<rules::Boom>();
        log("split(Boom): ", show(match), " / ", show(rest));
    }
    {
        auto [match, rest] = nested.split(is_inner_group);
        log("split(inner group): ", show(match), " / ", show(rest));
    }

    try {
        try {
            co_await aio::task_group([&](aio::TaskGroup& tg) -> aio::Task<> {
                tg.create_task(fail_boom("b", 0.1), "b");
                tg.create_task(fail_value(0.1), "value");
                co_return;
            });
        } catch (const aio::ExceptionGroup& eg) {  // except* ValueError as eg:
            auto [match, rest] = eg.split<aio::ValueError>();
            if (match) log("except* ValueError: ", show(match));
            if (rest) throw *rest;
        }
    } catch (const aio::ExceptionGroup& eg) {
        log("propagated: ", show(eg));
    }
}
}  // namespace
