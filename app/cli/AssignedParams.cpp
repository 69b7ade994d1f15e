#include "cli/AssignedParams.h"

#include <lessons/param_input.hpp>

lessons::Params assignedParams(const lessons::Lesson &lesson, const QStringList &assignments)
{
    lessons::Params params = lessons::defaults(lesson);
    for (const QString &assignment : assignments) {
        const lessons::ParamInput input = lessons::parse_assignment(lesson, assignment.toStdString());
        if (input.problem == lessons::ParamProblem::None)
            params.values.insert_or_assign(input.name, input.number);
    }
    return params;
}
