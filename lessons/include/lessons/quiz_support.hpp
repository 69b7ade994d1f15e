// What the lesson descriptors share when they compute a quiz from a run: showing numbers in
// each language (German with a decimal comma), offering choices, and building sliders. One
// copy here, so that every lesson rounds and shows its answers alike. Quizzes read the run's
// facts (lessons/facts.hpp) and trace, never its log text.
#pragma once

#include <lessons/lesson.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace lessons {

// The same text in both languages (a task name, a count).
Text same(std::string text);

// `decimals` digits after the point: "0.5" in English, "0,5" in German; the unit follows
// after a space when given.
Text decimal(double value, int decimals, std::string_view unit = {});

// "0.300 s" / "0,300 s": a time as the log prints it, to the millisecond.
Text seconds(double s);

// A whole number, the same in both languages.
Text count(long long n);

// Names as a sentence lists them: "a", "a und b" / "a and b", "a, b und c" / "a, b and c";
// "keine" / "none" for no names.
Text joined(const std::vector<std::string>& names);

// The offered answers: each shown text once, in increasing order of the values. Values that
// show alike (0.1 + 0.2 and 0.3 as "0.300 s") count as one choice.
template <class T, class Show>
std::vector<Text> distinct_sorted(std::vector<T> values, Show show) {
    std::sort(values.begin(), values.end());
    std::vector<Text> out;
    std::set<std::string> seen;
    for (const T& v : values) {
        Text t = show(v);
        if (seen.insert(t.en).second) out.push_back(std::move(t));
    }
    return out;
}

// distinct_sorted() of durations shown by seconds(); the second form adds the answer.
std::vector<Text> seconds_choices(std::vector<double> values);
std::vector<Text> seconds_choices(std::vector<double> others, double answer);

// distinct_sorted() of counts.
std::vector<Text> number_choices(std::vector<int> values);

// A slider; the unit may be left out for plain counts.
Parameter parameter(std::string id, Text label, double min, double max, double step, double value,
                    std::string unit = "");

}  // namespace lessons
