#pragma once

#include "views/TraceView.h"

#include <QString>
#include <QVector>

// The program's log lines up to the cursor (virtual time, task, text), the
// newest at the bottom. Debug mode's slow-step reports ("Executing <Task ...>
// took 1.000 seconds", asyncio's own words) stand between them in trace order,
// marked as warnings. Stepping forward appends only the new lines and
// stepping back trims, so a step costs the lines it changes, not the whole log.
// The wheel scrolls back; a new line scrolls to the newest again.
class ConsoleView : public TraceView
{
    Q_OBJECT

public:
    explicit ConsoleView(QWidget *parent = nullptr);

    void setState(const trace::TraceState &state, const aio::TraceEvent *current) override;
    QString describe() const override;

    // Forgets the lines (a new run; setState() also notices one by itself).
    void clear();

    // Lines shown: log lines and slow-step warnings.
    int lineCount() const { return int(m_lines.size()); }
    int warningCount() const { return int(m_slowTaken); }
    // Lines scrolled back from the newest (0: the newest line is visible).
    int scrollBack() const { return m_scrollBack; }

    QSize sizeHint() const override { return {560, 160}; }
    QSize minimumSizeHint() const override { return {260, 80}; }

protected:
    void paintEvent(QPaintEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;

private:
    struct Line {
        quint64 seq = 0;
        double time = 0;
        QString task;
        QString text;
        bool warning = false;  // a SlowStepEntry, not a LogLine
        qsizetype source = 0;  // its index in the state's log() or slow_steps()
    };

    bool sameAs(const Line &line, const trace::TraceState &state) const;

    QVector<Line> m_lines;      // log() and slow_steps() merged by seq
    qsizetype m_logTaken = 0;   // how many of each m_lines holds
    qsizetype m_slowTaken = 0;
    int m_scrollBack = 0;
};
