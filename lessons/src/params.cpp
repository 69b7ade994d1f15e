// Params lookup and the checks behind `dirigent run --set name=value`.
#include "lessons/param_input.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <stdexcept>
#include <string>

namespace lessons {

double Params::operator[](std::string_view id) const {
    const auto it = values.find(id);
    if (it == values.end()) throw std::out_of_range("lesson parameter '" + std::string(id) + "' is not set");
    return it->second;
}

Params defaults(const Lesson& lesson) {
    Params params;
    for (const Parameter& p : lesson.parameters) params.values.emplace(p.id, p.default_value);
    return params;
}

const Parameter* find_parameter(const Lesson& lesson, std::string_view id) {
    for (const Parameter& p : lesson.parameters) {
        if (p.id == id) return &p;
    }
    return nullptr;
}

std::optional<double> parse_number(std::string_view text) {
    // Python's float() allows surrounding whitespace and a leading '+'.
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    if (text.empty() || text.front() == '+') return std::nullopt;
    double value = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value, std::chars_format::general);
    if (ec != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
    return value;
}

ParamProblem check_value(const Parameter& parameter, std::string_view text, double& out) {
    const std::optional<double> value = parse_number(text);
    if (!value) return ParamProblem::NotANumber;
    if (parameter.integer() && *value != std::floor(*value)) return ParamProblem::NotAWholeNumber;
    // A tolerance of a millionth of a step, so that 0.3 counts as inside 0.1..0.3.
    const double slack = std::abs(parameter.step) * 1e-6;
    if (*value < parameter.min - slack || *value > parameter.max + slack) return ParamProblem::OutOfRange;
    out = *value;
    return ParamProblem::None;
}

ParamInput parse_assignment(const Lesson& lesson, std::string_view assignment) {
    ParamInput input;
    const std::size_t eq = assignment.find('=');
    if (eq == std::string_view::npos) {
        input.problem = ParamProblem::MissingEquals;
        input.name = std::string(assignment);
        return input;
    }
    input.name = std::string(assignment.substr(0, eq));
    input.value = std::string(assignment.substr(eq + 1));
    input.parameter = find_parameter(lesson, input.name);
    if (!input.parameter) {
        input.problem = ParamProblem::UnknownParameter;
        return input;
    }
    input.problem = check_value(*input.parameter, input.value, input.number);
    return input;
}

double snap(const Parameter& parameter, double value) {
    double snapped = value;
    if (parameter.step > 0) {
        snapped = parameter.min + std::round((value - parameter.min) / parameter.step) * parameter.step;
        // Drop the binary noise of min + k*step (0.1 + 2*0.1 = 0.30000000000000004).
        snapped = std::round(snapped * 1e9) / 1e9;
    }
    if (snapped < parameter.min) snapped = parameter.min;
    if (snapped > parameter.max) snapped = parameter.max;
    return snapped;
}

std::string format_number(double value) {
    char buffer[64];
    // Whole-number sized values in plain digits ("100000", not the shorter "1e+05"): a
    // learner reads a range like 100..100000.
    const double size = value < 0 ? -value : value;
    const auto [ptr, ec] = size >= 1 && size < 1e15 ? std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed)
                                                    : std::to_chars(buffer, buffer + sizeof buffer, value);
    if (ec != std::errc()) return std::to_string(value);
    return std::string(buffer, ptr);
}

}  // namespace lessons
