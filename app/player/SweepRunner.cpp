#include "player/SweepRunner.h"

#include <lessons/param_input.hpp>

#include <algorithm>
#include <set>
#include <vector>

namespace {

// The values to run: evenly spread over [min, max], on the slider's grid, each once.
std::vector<double> sweepValues(const lessons::Parameter &parameter, int maxPoints)
{
    std::set<double> values{parameter.min, parameter.max};
    const int count = std::max(maxPoints, 2);
    for (int k = 1; k + 1 < count; ++k) {
        const double t = static_cast<double>(k) / static_cast<double>(count - 1);
        values.insert(lessons::snap(parameter, parameter.min + t * (parameter.max - parameter.min)));
    }
    // Binary noise may leave two copies of a grid point (0.3 and 0.30000000000000004): one goes.
    const double slack = std::max(parameter.step, parameter.max - parameter.min) * 1e-6;
    std::vector<double> out;
    for (double v : values) {
        if (!out.empty() && v - out.back() <= slack) {
            if (v == parameter.max)
                out.back() = v;  // keep the exact max
            continue;
        }
        out.push_back(v);
    }
    return out;
}

}  // namespace

SweepResult runSweep(const lessons::Lesson &lesson, const lessons::Params &params, bool pitfall, int maxPoints,
                     const std::atomic<bool> *stop)
{
    SweepResult result;
    if (lesson.placeholder || !lesson.scenario || lesson.parameters.empty())
        return result;
    const lessons::Parameter *parameter = lesson.sweep.parameter.empty()
        ? &lesson.parameters.front()
        : lessons::find_parameter(lesson, lesson.sweep.parameter);
    if (!parameter)
        return result;
    result.parameterId = QString::fromStdString(parameter->id);

    lessons::Params varied = params;
    pitfall = pitfall && lesson.has_pitfall;
    for (double value : sweepValues(*parameter, maxPoints)) {
        if (stop && stop->load(std::memory_order_relaxed))
            break;
        varied.values.insert_or_assign(parameter->id, value);
        const lessons::Run run = lessons::run(lesson, varied, pitfall);
        const double figure = lesson.sweep.measure ? lesson.sweep.measure(run) : run.end_time;
        result.points.append(QPointF(value, figure));
    }
    return result;
}
