#pragma once

#include <lessons/lesson.hpp>

#include <QStringList>

// The lesson's default parameters with the --set NAME=VALUE assignments of the command line
// applied. CommandLine::parse() refused wrong assignments already; any left are skipped.
lessons::Params assignedParams(const lessons::Lesson &lesson, const QStringList &assignments);
