// TEMPORARY while the lessons move to facts: the old log-parsing quiz helpers. Removed when
// the last lesson computes its quiz from run.facts.
#pragma once

#include <lessons/format.hpp>
#include <lessons/lesson.hpp>

#include <algorithm>
#include <charconv>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace lessons::legacy {

struct LogLine {
    double time = 0;
    std::string message;
};

inline std::vector<std::string> split_lines(std::string_view text) {
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

inline std::vector<LogLine> log_lines(std::string_view log) {
    std::vector<LogLine> out;
    for (const std::string& line : split_lines(log)) {
        const std::size_t space = line.find(' ');
        if (line.rfind("t=", 0) != 0 || space == std::string::npos) continue;
        LogLine l;
        std::from_chars(line.data() + 2, line.data() + space, l.time);
        l.message = line.substr(space + 1);
        out.push_back(std::move(l));
    }
    return out;
}

inline std::vector<std::string> log_messages(std::string_view log) {
    std::vector<std::string> out;
    for (LogLine& l : log_lines(log)) out.push_back(std::move(l.message));
    return out;
}

inline bool ends_with(std::string_view s, std::string_view tail) {
    return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

inline std::string seconds(double s) { return format("%.3f s", s); }

template <class T, class Show>
std::vector<std::string> distinct_sorted(std::vector<T> values, Show show) {
    std::sort(values.begin(), values.end());
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (const T& v : values)
        if (seen.insert(show(v)).second) out.push_back(show(v));
    return out;
}

inline std::vector<std::string> seconds_choices(std::vector<double> values) {
    return distinct_sorted(std::move(values), [](double v) { return seconds(v); });
}
inline std::vector<std::string> seconds_choices(std::vector<double> others, double answer) {
    others.push_back(answer);
    return seconds_choices(std::move(others));
}
inline std::vector<std::string> number_choices(std::vector<int> values) {
    return distinct_sorted(std::move(values), [](int v) { return std::to_string(v); });
}

struct QuizQuestion {
    Text question;
    std::vector<std::string> choices;
    std::string answer;
    Text explanation;
};

inline Text both(const std::string& s) {
    std::string de = s;
    for (std::size_t i = 1; i + 1 < de.size(); ++i)
        if (de[i] == '.' && std::isdigit(static_cast<unsigned char>(de[i - 1])) &&
            std::isdigit(static_cast<unsigned char>(de[i + 1])))
            de[i] = ',';
    return {de, s};
}

using Quiz = std::vector<QuizQuestion> (*)(const Run&, const Params&, bool);

inline std::function<std::vector<lessons::QuizQuestion>(const Run&, const Params&, bool)> adapt(Quiz quiz) {
    return [quiz](const Run& run, const Params& p, bool pitfall) {
        std::vector<lessons::QuizQuestion> out;
        for (const QuizQuestion& q : quiz(run, p, pitfall)) {
            lessons::QuizQuestion n;
            n.question = q.question;
            for (const std::string& c : q.choices) n.choices.push_back(both(c));
            n.answer = both(q.answer);
            n.explanation = q.explanation;
            out.push_back(std::move(n));
        }
        return out;
    };
}

}  // namespace lessons::legacy
