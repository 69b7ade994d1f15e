// The exceptions of the aio layer, named after asyncio's.
#pragma once

#include <exception>
#include <string>
#include <vector>

namespace aio {

// Like Python's CancelledError (a BaseException): deliberately NOT derived from
// std::exception, so `catch (const std::exception&)` cannot swallow a cancellation.
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
    const char* what() const noexcept override { return message_.c_str(); }
    virtual const char* type_name() const noexcept { return "Error"; }

private:
    std::string message_;
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
AIO_DECLARE_ERROR(TimeoutError, Error, "")
AIO_DECLARE_ERROR(QueueFull, Error, "")
AIO_DECLARE_ERROR(QueueEmpty, Error, "")
AIO_DECLARE_ERROR(InvalidStateError, Error, "InvalidStateError")

#undef AIO_DECLARE_ERROR

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

// The C++ stand-in for Python's ExceptionGroup, raised by TaskGroup.
class ExceptionGroup : public Error {
public:
    ExceptionGroup(std::string message, std::vector<std::exception_ptr> exceptions);
    const std::vector<std::exception_ptr>& exceptions() const noexcept { return exceptions_; }
    const char* type_name() const noexcept override { return "ExceptionGroup"; }

private:
    std::vector<std::exception_ptr> exceptions_;
};

// "TypeName: message" (or just "TypeName"), for logs and trace events.
std::string describe(std::exception_ptr error);
// Just the type name: "ValueError", "CancelledError", "std::runtime_error"...
std::string type_name(std::exception_ptr error);

}  // namespace aio
