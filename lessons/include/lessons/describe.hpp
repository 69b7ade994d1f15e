// An exception as a lesson's log shows it, the same way on both sides: tests/python/vloop.py's
// describe() prints Python's type name, and an exception group with what it holds.
#pragma once

#include <exception>
#include <string>

namespace lessons {

// "ValueError", "TimeoutError", "CancelledError", "ExceptionGroup(ValueError, TimeoutError)";
// a lesson's own exception type by its unqualified name ("lessons::http::BadStatus" -> "BadStatus").
std::string describe(std::exception_ptr error);

}  // namespace lessons
