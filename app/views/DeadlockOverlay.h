#pragma once

#include "views/TraceView.h"

#include <QString>
#include <QVector>

// Laid over the visualization when the run ended in a deadlock: a banner that
// says the loop stopped and lists every task that waits forever, what it waits
// on and the line of its co_await. It covers its parent widget (follows its
// size), lets mouse events through to the views below, and hides itself when
// the state has no deadlock entries.
class DeadlockOverlay : public TraceView
{
    Q_OBJECT

public:
    explicit DeadlockOverlay(QWidget *parent = nullptr);

    void setState(const trace::TraceState &state, const aio::TraceEvent *current) override;
    QString describe() const override;
    bool hasContent() const override { return !m_entries.isEmpty(); }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return {280, 100}; }

protected:
    void paintEvent(QPaintEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Entry {
        QString task;
        aio::WaitKind wait = aio::WaitKind::None;
        QString target;       // the object's or awaited task's name
        QString where;        // "scenario.cpp:42"
    };

    void followParent();

    QVector<Entry> m_entries;
};
