#include <lessons/describe.hpp>

#include <aio/errors.hpp>

#include <gtest/gtest.h>

#include <stdexcept>

namespace lessons::http_demo {
struct BadStatus : std::runtime_error {
    using std::runtime_error::runtime_error;
};
}  // namespace lessons::http_demo

namespace {

template <class E>
std::string described(E error) {
    return lessons::describe(std::make_exception_ptr(std::move(error)));
}

TEST(Describe, NamesAioErrorsAsAsyncioDoes) {
    EXPECT_EQ(described(aio::ValueError("x")), "ValueError");
    EXPECT_EQ(described(aio::TimeoutError()), "TimeoutError");
    EXPECT_EQ(described(aio::QueueFull()), "QueueFull");
    EXPECT_EQ(described(aio::CancelledError()), "CancelledError");
}

TEST(Describe, NamesALessonsOwnTypeWithoutItsNamespace) {
    EXPECT_EQ(described(lessons::http_demo::BadStatus("503")), "BadStatus");
}

TEST(Describe, ShowsWhatAnExceptionGroupHolds) {
    aio::ExceptionGroup group("unhandled errors in a TaskGroup",
                             {std::make_exception_ptr(aio::ValueError()),
                              std::make_exception_ptr(lessons::http_demo::BadStatus("x"))});
    EXPECT_EQ(described(group), "ExceptionGroup(ValueError, BadStatus)");
}

TEST(Describe, NoErrorIsEmpty) {
    EXPECT_EQ(lessons::describe(nullptr), "");
}

}  // namespace
