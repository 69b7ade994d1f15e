#include <lessons/quiz_support.hpp>

#include <lessons/format.hpp>

#include <charconv>
#include <utility>

namespace lessons {

std::vector<std::string> split_lines(std::string_view text) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        out.emplace_back(text.substr(pos, end - pos));
        pos = end + 1;
    }
    return out;
}

std::vector<LogLine> log_lines(std::string_view log) {
    std::vector<LogLine> out;
    for (const std::string& line : split_lines(log)) {
        const std::size_t space = line.find(' ');
        if (line.rfind("t=", 0) != 0 || space == std::string::npos) continue;
        LogLine l;
        // from_chars: no locale and no exception; the loop always writes "t=%.3f".
        std::from_chars(line.data() + 2, line.data() + space, l.time);
        l.message = line.substr(space + 1);
        out.push_back(std::move(l));
    }
    return out;
}

std::vector<std::string> log_messages(std::string_view log) {
    std::vector<std::string> out;
    for (LogLine& l : log_lines(log)) out.push_back(std::move(l.message));
    return out;
}

bool ends_with(std::string_view s, std::string_view tail) {
    return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

std::string seconds(double s) { return format("%.3f s", s); }

std::vector<std::string> seconds_choices(std::vector<double> values) {
    return distinct_sorted(std::move(values), [](double v) { return seconds(v); });
}

std::vector<std::string> seconds_choices(std::vector<double> others, double answer) {
    others.push_back(answer);
    return seconds_choices(std::move(others));
}

std::vector<std::string> number_choices(std::vector<int> values) {
    return distinct_sorted(std::move(values), [](int v) { return std::to_string(v); });
}

Parameter parameter(std::string id, Text label, double min, double max, double step, double value,
                    std::string unit) {
    Parameter p;
    p.id = std::move(id);
    p.label = std::move(label);
    p.min = min;
    p.max = max;
    p.step = step;
    p.default_value = value;
    p.unit = std::move(unit);
    return p;
}

}  // namespace lessons
