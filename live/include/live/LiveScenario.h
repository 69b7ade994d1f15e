// LiveScenario: a lesson's live variant as LiveRun runs it. The scenario is the lesson's own
// shape (the same tasks, the same log lines) on real I/O; after the run it tells what it
// measured, one figure per line of `dirigent live`'s summary.
#pragma once

#include <aio/task.hpp>

#include <QList>
#include <QString>

namespace live {

struct Figure {
    QString name;  // "requests sent": the summary's key, the same in every language
    QString value; // "24", "3.215 s"
    bool operator==(const Figure &) const = default;
};

class LiveScenario {
public:
    virtual ~LiveScenario() = default;
    // The main task. It may run only once; the scenario object must outlive it.
    virtual aio::Task<void> main() = 0;
    // What was measured so far (complete once main() ended).
    virtual QList<Figure> figures() const = 0;
};

} // namespace live
