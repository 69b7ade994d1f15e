// What the lesson descriptors share when they compute a quiz from a run: reading its log,
// showing numbers the way the log does, offering choices, and building sliders. One copy
// here, so that every lesson reads the log and rounds its answers alike.
#pragma once

#include <lessons/lesson.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace lessons {

// One "t=<time> <message>" line of a run's log (see aio's event loop, which writes them).
struct LogLine {
    double time = 0;
    std::string message;
};

// The text cut at '\n' as std::getline does: a final newline adds no empty line.
std::vector<std::string> split_lines(std::string_view text);

// The stamped lines of a log, in order; unstamped ones ("main raised …") are left out.
std::vector<LogLine> log_lines(std::string_view log);

// Only the messages of log_lines(), for quizzes that never look at the time.
std::vector<std::string> log_messages(std::string_view log);

bool ends_with(std::string_view s, std::string_view tail);

// "0.300 s" as the log prints a duration, so that answers match the log to the digit.
std::string seconds(double s);

// The offered answers: each shown text once, in increasing order of the values. Values that
// show alike (0.1 + 0.2 and 0.3 as "0.300 s") count as one choice.
template <class T, class Show>
std::vector<std::string> distinct_sorted(std::vector<T> values, Show show) {
    std::sort(values.begin(), values.end());
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (const T& v : values) {
        if (seen.insert(show(v)).second) out.push_back(show(v));
    }
    return out;
}

// distinct_sorted() of durations shown by seconds(); the second form adds the answer.
std::vector<std::string> seconds_choices(std::vector<double> values);
std::vector<std::string> seconds_choices(std::vector<double> others, double answer);

// distinct_sorted() of counts.
std::vector<std::string> number_choices(std::vector<int> values);

// A slider; the unit may be left out for plain counts.
Parameter parameter(std::string id, Text label, double min, double max, double step, double value,
                    std::string unit = "");

}  // namespace lessons
