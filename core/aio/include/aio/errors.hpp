// The exceptions of the aio layer, named after asyncio's.
#pragma once

#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace aio {

// Like Python's CancelledError (a BaseException): deliberately NOT derived from
// std::exception, so `catch (const std::exception&)` cannot swallow a cancellation.
// The message is the one given to cancel(msg) (Python: `CancelledError.args`); empty
// stands for Python's None (and for '').
class CancelledError {
public:
    explicit CancelledError(std::string message = {}) : message_(std::move(message)) {}
    const char* what() const noexcept { return message_.empty() ? "CancelledError" : message_.c_str(); }
    const std::string& message() const noexcept { return message_; }

private:
    std::string message_;
};

// Base of every other aio error; type_name() gives the asyncio-style name for logs.
class Error : public std::exception {
public:
    explicit Error(std::string message) : message_(std::move(message)) {}
    // `raise Name(message) from cause`.
    Error(std::string message, std::exception_ptr cause) : message_(std::move(message)), cause_(std::move(cause)) {}
    const char* what() const noexcept override { return message_.c_str(); }
    virtual const char* type_name() const noexcept { return "Error"; }
    // Python's __cause__: the error this one was raised from (null if none). It may be a
    // CancelledError, which is no std::exception: catch it by its own type after a rethrow.
    const std::exception_ptr& cause() const noexcept { return cause_; }

private:
    std::string message_;
    std::exception_ptr cause_;
};

#define AIO_DECLARE_ERROR(Name, Base, DefaultMessage)                                   \
    class Name : public Base {                                                          \
    public:                                                                             \
        explicit Name(std::string message = DefaultMessage) : Base(std::move(message)) {} \
        const char* type_name() const noexcept override { return #Name; }               \
    };

AIO_DECLARE_ERROR(RuntimeError, Error, "RuntimeError")
AIO_DECLARE_ERROR(ValueError, Error, "ValueError")
AIO_DECLARE_ERROR(TypeError, Error, "TypeError")
AIO_DECLARE_ERROR(QueueFull, Error, "")
AIO_DECLARE_ERROR(QueueEmpty, Error, "")
AIO_DECLARE_ERROR(InvalidStateError, Error, "InvalidStateError")

#undef AIO_DECLARE_ERROR

// wait_for and timeout() raise it `from` the CancelledError that ended the wait, as
// asyncio does (`raise TimeoutError from exc`): cause() holds that cancellation.
class TimeoutError : public Error {
public:
    explicit TimeoutError(std::string message = "") : Error(std::move(message)) {}
    explicit TimeoutError(std::exception_ptr cause) : Error("", std::move(cause)) {}
    const char* type_name() const noexcept override { return "TimeoutError"; }
};

// What run() reports when nothing can ever happen again but tasks still wait.
class DeadlockError : public RuntimeError {
public:
    struct Waiting {
        std::string task;  // task name
        std::string what;  // e.g. "Queue.join (object 3)"
        std::string file;
        unsigned line = 0;
    };
    DeadlockError(std::vector<Waiting> waiting, double time);
    const std::vector<Waiting>& waiting() const noexcept { return waiting_; }
    const char* type_name() const noexcept override { return "DeadlockError"; }

private:
    std::vector<Waiting> waiting_;
};

// True if `error` holds an E (Python's isinstance on an exception).
template <class E>
bool holds(const std::exception_ptr& error) {
    if (!error) return false;
    try {
        std::rethrow_exception(error);
    } catch (const E&) {
        return true;
    } catch (...) {
        return false;
    }
}

// The C++ stand-in for Python's ExceptionGroup, raised by TaskGroup. what() is
// Python's str(eg): "unhandled errors in a TaskGroup (2 sub-exceptions)".
//
// C++ has no `except*`; split() writes it. Python's
//
//     try: ...
//     except* ValueError as eg: handle(eg)
//
// reads in C++ (inside a coroutine, keep the awaiting out of the catch block):
//
//     try { co_await aio::task_group(body); }
//     catch (const aio::ExceptionGroup& eg) {
//         auto [value_errors, rest] = eg.split<aio::ValueError>();
//         if (value_errors) handle(*value_errors);
//         if (rest) throw *rest;   // what no clause matched propagates as a group
//     }
//
// Each further `except*` clause splits what the previous one left (`rest`).
class ExceptionGroup : public Error {
public:
    using Predicate = std::function<bool(const std::exception_ptr&)>;
    using Split = std::pair<std::optional<ExceptionGroup>, std::optional<ExceptionGroup>>;

    ExceptionGroup(std::string message, std::vector<std::exception_ptr> exceptions);
    const char* type_name() const noexcept override { return "ExceptionGroup"; }

    // eg.message, eg.exceptions, str(eg).
    const std::string& message() const noexcept { return message_; }
    const std::vector<std::exception_ptr>& exceptions() const noexcept { return exceptions_; }
    std::string str() const { return what(); }

    // eg.split(condition): (the part that matches, the rest), either empty (None). The
    // condition sees nested groups first, then their leaves; the nesting and the
    // messages are kept, groups left empty are dropped.
    Split split(const Predicate& condition) const;
    template <class E>
    Split split() const {
        return split([](const std::exception_ptr& e) { return holds<E>(e); });
    }
    // eg.subgroup(condition): the matching part of split().
    std::optional<ExceptionGroup> subgroup(const Predicate& condition) const { return split(condition).first; }
    template <class E>
    std::optional<ExceptionGroup> subgroup() const {
        return split<E>().first;
    }
    // eg.derive(excs): a group with the same message holding `exceptions`.
    ExceptionGroup derive(std::vector<std::exception_ptr> exceptions) const {
        return ExceptionGroup(message_, std::move(exceptions));
    }

private:
    std::string message_;
    std::vector<std::exception_ptr> exceptions_;
};

// "TypeName: message" (or just "TypeName"), for logs and trace events.
std::string describe(std::exception_ptr error);
// Just the type name: "ValueError", "CancelledError", "std::runtime_error"...
std::string type_name(std::exception_ptr error);

}  // namespace aio
