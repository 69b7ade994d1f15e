// Params and the checks behind `dirigent run --set name=value`.
#include "fake_lessons.hpp"

#include <lessons/param_input.hpp>

#include <gtest/gtest.h>

#include <stdexcept>

namespace {

using lessons::ParamProblem;

TEST(Params, DefaultsHoldEveryParameter) {
    const lessons::Params p = lessons::defaults(fake::workers());
    EXPECT_EQ(p.values.size(), 2u);
    EXPECT_EQ(p["workers"], 2);
    EXPECT_EQ(p.integer("workers"), 2);
    EXPECT_DOUBLE_EQ(p["delay"], 0.5);
}

TEST(Params, AMissingParameterThrowsNamingIt) {
    const lessons::Params p = lessons::defaults(fake::workers());
    try {
        (void)p["wokers"];
        FAIL() << "no exception";
    } catch (const std::out_of_range& e) {
        EXPECT_NE(std::string(e.what()).find("'wokers'"), std::string::npos) << e.what();
    }
}

TEST(ParamInput, ReadsNameEqualsValue) {
    const lessons::ParamInput in = lessons::parse_assignment(fake::workers(), "delay=0.3");
    EXPECT_EQ(in.problem, ParamProblem::None);
    EXPECT_EQ(in.name, "delay");
    EXPECT_EQ(in.value, "0.3");
    ASSERT_NE(in.parameter, nullptr);
    EXPECT_EQ(in.parameter->id, "delay");
    EXPECT_DOUBLE_EQ(in.number, 0.3);
}

struct Case {
    const char* text;
    ParamProblem problem;
};

class ParamInputProblems : public testing::TestWithParam<Case> {};

TEST_P(ParamInputProblems, NameTheReason) {
    EXPECT_EQ(lessons::parse_assignment(fake::workers(), GetParam().text).problem, GetParam().problem)
        << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    Assignments, ParamInputProblems,
    testing::Values(Case{"workers", ParamProblem::MissingEquals}, Case{"", ParamProblem::MissingEquals},
                    Case{"wokers=2", ParamProblem::UnknownParameter}, Case{"=2", ParamProblem::UnknownParameter},
                    Case{"workers=two", ParamProblem::NotANumber}, Case{"workers=", ParamProblem::NotANumber},
                    Case{"delay=nan", ParamProblem::NotANumber}, Case{"delay=inf", ParamProblem::NotANumber},
                    Case{"delay=0.5s", ParamProblem::NotANumber}, Case{"delay=0x1", ParamProblem::NotANumber},
                    Case{"workers=2.5", ParamProblem::NotAWholeNumber}, Case{"workers=0", ParamProblem::OutOfRange},
                    Case{"workers=5", ParamProblem::OutOfRange}, Case{"delay=1.01", ParamProblem::OutOfRange},
                    Case{"delay=-0.2", ParamProblem::OutOfRange}, Case{"workers=4", ParamProblem::None},
                    Case{"workers=1", ParamProblem::None}, Case{"workers=2.0", ParamProblem::None},
                    Case{"delay=1", ParamProblem::None}, Case{"delay=0.1", ParamProblem::None},
                    Case{"delay=1e-1", ParamProblem::None}, Case{"delay= 0.3 ", ParamProblem::None},
                    Case{"delay=+0.3", ParamProblem::None}));

TEST(ParamInput, ParsesNumbersAsPythonsFloatDoes) {
    EXPECT_EQ(lessons::parse_number("0.1"), 0.1);
    EXPECT_EQ(lessons::parse_number("3"), 3.0);
    EXPECT_EQ(lessons::parse_number("-2.5e-3"), -2.5e-3);
    EXPECT_FALSE(lessons::parse_number("++1"));
    EXPECT_FALSE(lessons::parse_number("1,5"));
    EXPECT_FALSE(lessons::parse_number(" "));
}

TEST(ParamInput, SnapsToTheStepWithinTheRange) {
    const lessons::Parameter& delay = fake::workers().parameters[1];
    EXPECT_DOUBLE_EQ(lessons::snap(delay, 0.55), 0.6);
    EXPECT_EQ(lessons::snap(delay, 0.3), 0.3);  // exactly the double 0.3, not 0.30000000000000004
    EXPECT_EQ(lessons::snap(delay, 7), 1.0);
    EXPECT_EQ(lessons::snap(delay, -1), 0.1);
    const lessons::Parameter& workers = fake::workers().parameters[0];
    EXPECT_EQ(lessons::snap(workers, 2.5), 3.0);
}

TEST(ParamInput, FormatsNumbersShortly) {
    EXPECT_EQ(lessons::format_number(3), "3");
    EXPECT_EQ(lessons::format_number(0.1), "0.1");
    EXPECT_EQ(lessons::format_number(0.1 + 0.2), "0.30000000000000004");
    EXPECT_EQ(lessons::format_number(100000), "100000");  // not "1e+05"
    EXPECT_EQ(lessons::format_number(-2.5), "-2.5");
    EXPECT_EQ(lessons::format_number(1e-6), "1e-06");
}

}  // namespace
