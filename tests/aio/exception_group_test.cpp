// aio::ExceptionGroup: message, exceptions, str, split and subgroup (Python's except*).
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace {

using aio_test::holds;

aio::ExceptionGroup sample() {
    return aio::ExceptionGroup(
        "outer", {std::make_exception_ptr(aio::ValueError("a")),
                  std::make_exception_ptr(aio::ExceptionGroup("inner", {std::make_exception_ptr(aio::TypeError("b")),
                                                                         std::make_exception_ptr(aio::ValueError("c"))}))});
}

TEST(ExceptionGroup, StrCountsTheSubExceptionsAsPythonDoes) {
    aio::ExceptionGroup one("msg", {std::make_exception_ptr(aio::ValueError())});
    EXPECT_EQ(one.str(), "msg (1 sub-exception)");
    EXPECT_EQ(one.message(), "msg");
    EXPECT_EQ(sample().str(), "outer (2 sub-exceptions)");
    EXPECT_EQ(aio::describe(std::make_exception_ptr(one)), "ExceptionGroup: msg (1 sub-exception)");
}

TEST(ExceptionGroup, SplitKeepsTheNestingAndTheMessages) {
    auto [match, rest] = sample().split<aio::ValueError>();
    ASSERT_TRUE(match && rest);
    EXPECT_EQ(match->message(), "outer");
    ASSERT_EQ(match->exceptions().size(), 2u);
    EXPECT_TRUE(holds<aio::ValueError>(match->exceptions()[0]));
    EXPECT_TRUE(holds<aio::ExceptionGroup>(match->exceptions()[1]));
    ASSERT_EQ(rest->exceptions().size(), 1u);
    try {
        std::rethrow_exception(rest->exceptions()[0]);
    } catch (const aio::ExceptionGroup& inner) {
        EXPECT_EQ(inner.message(), "inner");
        ASSERT_EQ(inner.exceptions().size(), 1u);
        EXPECT_TRUE(holds<aio::TypeError>(inner.exceptions()[0]));
    }
}

TEST(ExceptionGroup, AnEmptySideIsNone) {
    auto [match, rest] = sample().split<aio::QueueFull>();
    EXPECT_FALSE(match);
    ASSERT_TRUE(rest);
    EXPECT_EQ(rest->exceptions().size(), 2u);
    EXPECT_FALSE(sample().subgroup<aio::QueueEmpty>());
    EXPECT_EQ(sample().subgroup<aio::Error>()->exceptions().size(), 2u);
}

TEST(ExceptionGroup, TheConditionSeesNestedGroupsWhole) {
    auto inner = [](const std::exception_ptr& e) {
        try {
            std::rethrow_exception(e);
        } catch (const aio::ExceptionGroup& g) {
            return g.message() == "inner";
        } catch (...) {
            return false;
        }
    };
    auto sub = sample().subgroup(inner);
    ASSERT_TRUE(sub);
    ASSERT_EQ(sub->exceptions().size(), 1u);
    EXPECT_TRUE(holds<aio::ExceptionGroup>(sub->exceptions()[0]));
}

TEST(ExceptionGroup, ExceptStarIdiomHandlesOneKindAndReraisesTheRest) {
    bool handled = false, propagated = false;
    try {
        try {
            throw sample();
        } catch (const aio::ExceptionGroup& eg) {
            auto [values, rest] = eg.split<aio::ValueError>();
            handled = values.has_value();
            if (rest) throw *rest;
        }
    } catch (const aio::ExceptionGroup& eg) {
        propagated = eg.subgroup<aio::TypeError>().has_value() && !eg.subgroup<aio::ValueError>();
    }
    EXPECT_TRUE(handled);
    EXPECT_TRUE(propagated);
}

}  // namespace
