#pragma once

// moc (Qt 6.4, with CMake 3.25's C++17 predefines) cannot parse <concepts>, which the
// lesson headers pull in; moc needs none of these declarations.
#ifndef Q_MOC_RUN
#include <lessons/lesson.hpp>
#endif

#include <QString>
#include <QVector>
#include <QPointF>

#include <atomic>

// The sweep plot's data: the lesson's figure (lessons::Lesson::sweep, default: the
// run's end time) against one parameter across its range, every other parameter
// and the pitfall switch as given. Runs the scenario once per value (at most
// maxPoints values, evenly spread, always including min and max).
struct SweepResult
{
    QString parameterId;
    QVector<QPointF> points;  // (parameter value, figure)
};

// `stop` (optional) is read between two runs: set, the sweep ends early with the points
// it has (the caller throws them away).
SweepResult runSweep(const lessons::Lesson &lesson, const lessons::Params &params, bool pitfall,
                     int maxPoints = 24, const std::atomic<bool> *stop = nullptr);
