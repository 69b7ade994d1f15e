// The C++ twins of tests/python/rules/*.py: each file defines one rule with AIO_RULE(name),
// whose body is the Python program's main(), written line for line. aio_rules <name> runs it.
#pragma once

#include <aio/aio.hpp>

#include <cstdio>
#include <exception>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <type_traits>

namespace rules {

using RuleFn = aio::Task<void> (*)();

// Every rule by name (sorted, for --list).
inline std::map<std::string, RuleFn>& registry() {
    static std::map<std::string, RuleFn> rules;
    return rules;
}

struct Registrar {
    Registrar(const char* name, RuleFn fn) { registry().emplace(name, fn); }
};

// The error the programs raise on purpose (Python: vloop.Boom).
struct Boom : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// An exception as both sides print it (vloop.describe): the type name; Boom shows its
// message, an ExceptionGroup what it holds.
inline std::string describe(std::exception_ptr error) {
    try {
        std::rethrow_exception(error);
    } catch (const aio::CancelledError&) {
        return "CancelledError";
    } catch (const aio::ExceptionGroup& group) {
        std::string out = "ExceptionGroup(";
        const char* sep = "";
        for (const auto& e : group.exceptions()) {
            out += sep + describe(e);
            sep = ", ";
        }
        return out + ")";
    } catch (const Boom& boom) {
        return std::string("Boom(") + boom.what() + ")";
    } catch (const aio::Error& e) {
        return e.type_name();
    } catch (const std::exception&) {
        return "std::exception";
    } catch (...) {
        return "unknown";
    }
}

// Inside a catch block: the exception being handled.
inline std::string describe_current() { return describe(std::current_exception()); }

// Python's str() of the few kinds of values the programs print.
template <class T>
void put(std::ostringstream& os, const T& v) {
    if constexpr (std::is_same_v<T, bool>) {
        os << (v ? "True" : "False");
    } else {
        os << v;
    }
}

// Concatenates like an f-string: str("a ", 1, " ", true) == "a 1 True".
template <class... Args>
std::string str(const Args&... args) {
    std::ostringstream os;
    (put(os, args), ...);
    return os.str();
}

// f"{x:.3f}"
inline std::string fmt3(double x) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.3f", x);
    return buf;
}

// vloop.log: one line "t=<loop time> <message>".
template <class... Args>
void log(const Args&... args) {
    aio::log(str(args...));
}

}  // namespace rules

// AIO_RULE(name) { body }: the rule's main coroutine, registered under `name`.
#define AIO_RULE(name)                                                                  \
    aio::Task<void> aio_rule_##name();                                                  \
    const ::rules::Registrar aio_rule_registrar_##name{#name, &aio_rule_##name};        \
    aio::Task<void> aio_rule_##name()
