// Reading parameter values that a person typed (`dirigent run --set workers=3`), with a
// precise reason when a value is refused, so the CLI and the app can say what is wrong.
#pragma once

#include "lessons/lesson.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace lessons {

enum class ParamProblem {
    None,
    MissingEquals,     // "workers" instead of "workers=3"
    UnknownParameter,  // the lesson has no parameter of that name
    NotANumber,        // "three", "", "nan", "inf"
    NotAWholeNumber,   // 2.5 for a parameter that counts (integer step)
    OutOfRange,        // outside min..max
};

// The outcome of reading one "name=value".
struct ParamInput {
    ParamProblem problem = ParamProblem::None;
    std::string name;                   // as typed (before '=')
    std::string value;                  // as typed (after '=')
    const Parameter* parameter = nullptr;  // set unless MissingEquals / UnknownParameter
    double number = 0;                  // the value, when problem == None
};

// The parameter `id` of `lesson`, or nullptr.
const Parameter* find_parameter(const Lesson& lesson, std::string_view id);

// A decimal number as Python's float() reads one ("3", "0.25", "1e-3", " 2 "), finite only.
std::optional<double> parse_number(std::string_view text);

// Checks `text` as a value of `parameter`; on success stores it in `out`.
ParamProblem check_value(const Parameter& parameter, std::string_view text, double& out);

// Reads "name=value" for `lesson`.
ParamInput parse_assignment(const Lesson& lesson, std::string_view assignment);

// `value` moved to the nearest point min + k*step and clamped to min..max.
double snap(const Parameter& parameter, double value);

// A number as the CLI and the texts print it: "3", "0.25", "100000", "1e-06" (the shortest
// that reads back the same; plain digits from 1 on).
std::string format_number(double value);

}  // namespace lessons
