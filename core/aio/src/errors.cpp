#include "aio/errors.hpp"

#include "aio/detail/fixed.hpp"

#include <cstdio>
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
      exceptions_(std::move(exceptions)) {}

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
