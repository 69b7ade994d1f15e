#include <lessons/quiz_support.hpp>

#include <lessons/format.hpp>

#include <utility>

namespace lessons {

Text same(std::string text) { return {text, text}; }

Text decimal(double value, int decimals, std::string_view unit) {
    // format() prints in the C locale: a point, whatever the process's locale is.
    std::string en = format("%.*f", decimals, value);
    std::string de = en;
    std::replace(de.begin(), de.end(), '.', ',');
    if (!unit.empty()) {
        en = en + " " + std::string(unit);
        de = de + " " + std::string(unit);
    }
    return {std::move(de), std::move(en)};
}

Text seconds(double s) { return decimal(s, 3, "s"); }

Text count(long long n) { return same(std::to_string(n)); }

Text joined(const std::vector<std::string>& names) {
    if (names.empty()) return {"keine", "none"};
    Text out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        const bool last = i + 1 == names.size() && i > 0;
        out.de += (i == 0 ? "" : last ? " und " : ", ") + names[i];
        out.en += (i == 0 ? "" : last ? " and " : ", ") + names[i];
    }
    return out;
}

std::vector<Text> seconds_choices(std::vector<double> values) {
    return distinct_sorted(std::move(values), [](double v) { return seconds(v); });
}

std::vector<Text> seconds_choices(std::vector<double> others, double answer) {
    others.push_back(answer);
    return seconds_choices(std::move(others));
}

std::vector<Text> number_choices(std::vector<int> values) {
    return distinct_sorted(std::move(values), [](int v) { return count(v); });
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
