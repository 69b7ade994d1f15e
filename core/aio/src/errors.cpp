#include "aio/errors.hpp"

#include "aio/detail/fixed.hpp"

#include <cstdlib>
#include <cxxabi.h>
#include <memory>
#include <typeinfo>

namespace aio {

namespace {
std::string deadlock_message(const std::vector<DeadlockError::Waiting>& waiting, double time) {
    std::string msg = "deadlock at t=" + detail::fixed(time, 3) + ": nothing is ready, no timer is pending, " +
                      std::to_string(waiting.size()) + " task(s) wait";
    for (const auto& w : waiting) {
        msg += "\n  " + w.task + " waits on " + w.what;
        if (!w.file.empty()) msg += " at " + w.file + ":" + std::to_string(w.line);
    }
    return msg;
}

std::string demangle(const char* name) {
    int status = 0;
    std::unique_ptr<char, void (*)(void*)> out(abi::__cxa_demangle(name, nullptr, nullptr, &status), std::free);
    return status == 0 && out ? std::string(out.get()) : std::string(name);
}
}  // namespace

DeadlockError::DeadlockError(std::vector<Waiting> waiting, double time)
    : RuntimeError(deadlock_message(waiting, time)), waiting_(std::move(waiting)) {}

ExceptionGroup::ExceptionGroup(std::string message, std::vector<std::exception_ptr> exceptions)
    : Error(message + " (" + std::to_string(exceptions.size()) + " sub-exception" +
            (exceptions.size() == 1 ? ")" : "s)")),
      message_(std::move(message)),
      exceptions_(std::move(exceptions)) {}

ExceptionGroup::Split ExceptionGroup::split(const Predicate& condition) const {
    if (condition(std::make_exception_ptr(*this))) return {*this, std::nullopt};
    std::vector<std::exception_ptr> match, rest;
    for (const auto& e : exceptions_) {
        const ExceptionGroup* inner = nullptr;
        try {
            std::rethrow_exception(e);
        } catch (const ExceptionGroup& g) {
            inner = &g;  // the object lives as long as `e` does
        } catch (...) {
        }
        if (inner) {
            auto [m, r] = inner->split(condition);
            if (m) match.push_back(std::make_exception_ptr(std::move(*m)));
            if (r) rest.push_back(std::make_exception_ptr(std::move(*r)));
        } else {
            (condition(e) ? match : rest).push_back(e);
        }
    }
    // A side that kept everything is the group itself (Python returns self).
    const bool all_match = rest.empty(), none_match = match.empty();
    Split out;
    if (!none_match) out.first = all_match ? *this : derive(std::move(match));
    if (!all_match) out.second = none_match ? *this : derive(std::move(rest));
    return out;
}

std::string type_name(std::exception_ptr error) {
    if (!error) return {};
    try {
        std::rethrow_exception(error);
    } catch (const CancelledError&) {
        return "CancelledError";
    } catch (const Error& e) {
        return e.type_name();
    } catch (const std::exception& e) {
        return demangle(typeid(e).name());
    } catch (...) {
        return "unknown exception";
    }
}

std::string describe(std::exception_ptr error) {
    if (!error) return {};
    std::string name = type_name(error);
    std::string what;
    try {
        std::rethrow_exception(error);
    } catch (const CancelledError& e) {
        what = e.message();
    } catch (const std::exception& e) {
        what = e.what();
    } catch (...) {
    }
    if (what.empty() || what == name) return name;
    return name + ": " + what;
}

}  // namespace aio
