// One outcome of gather(return_exceptions, ...): a value, an error, or a cancellation.
#pragma once

#include "aio/errors.hpp"

#include <exception>
#include <optional>
#include <string>

namespace aio {

template <class T>
class Result {
public:
    static Result of_value(T v) {
        Result r;
        r.value_.emplace(std::move(v));
        return r;
    }
    static Result of_error(std::exception_ptr e) {
        Result r;
        r.error_ = std::move(e);
        return r;
    }

    bool ok() const noexcept { return value_.has_value(); }
    bool cancelled() const noexcept { return !ok() && type_name(error_) == "CancelledError"; }
    const T& value() const {
        if (!ok()) std::rethrow_exception(error_);
        return *value_;
    }
    std::exception_ptr error() const noexcept { return error_; }
    // "ValueError: boom" for an error, empty for a value.
    std::string message() const { return ok() ? std::string() : describe(error_); }

private:
    std::optional<T> value_;
    std::exception_ptr error_;
};

struct ReturnExceptions {};
// aio::gather(aio::return_exceptions, ...) mirrors gather(..., return_exceptions=True).
inline constexpr ReturnExceptions return_exceptions{};

}  // namespace aio
