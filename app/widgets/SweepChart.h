#pragma once

#include "player/SweepRunner.h"

#include <QChartView>
#include <QFutureWatcher>
#include <QTimer>

#include <atomic>
#include <memory>

class LessonSession;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

// The sweep plot: the lesson's figure (total run time unless the lesson chooses
// another) against one parameter across its range, with the current value marked.
//
// A sweep runs the scenario up to 24 times, so it is recomputed only when something
// other than the swept parameter changed, and then after a short pause (150 ms), so
// that dragging a slider stays smooth. Moving the swept parameter only moves the mark.
// The runs happen on a worker thread (each with its own event loop): at 100,000 tasks a
// sweep takes seconds, and the window stays responsive meanwhile. A sweep that became
// stale while it ran is stopped and started again.
class SweepChart : public QChartView
{
    Q_OBJECT

public:
    explicit SweepChart(LessonSession *session, QWidget *parent = nullptr);
    ~SweepChart() override;

    // The session opened another lesson: forget the old curve, compute the new one.
    void lessonChanged();
    // Computes a pending sweep now, on this thread (tests, screenshots).
    void recomputeNow();
    // Waiting for its pause, or running on the worker thread.
    bool recomputePending() const { return m_debounce.isActive() || m_worker.isRunning(); }

    const SweepResult &result() const { return m_result; }
    // The marked point: (current value of the swept parameter, the current run's figure).
    QPointF currentPoint() const { return m_current; }
    int sweepCount() const { return m_sweeps; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void onRunChanged();
    void recompute();          // after the pause: on the worker thread
    void computeHere();        // recomputeNow: on this thread
    void applyResult(const SweepResult &result);
    void stopWorker();
    void onWorkerFinished();
    void updateMarker();
    void updateAxes();
    void applyPalette();
    void retranslateUi();
    QString sweepKey() const;
    QString parameterId() const;

    LessonSession *m_session;
    QTimer m_debounce;
    QString m_key;  // lesson, pitfall and every parameter but the swept one
    QFutureWatcher<SweepResult> m_worker;
    std::shared_ptr<std::atomic<bool>> m_stop;  // the running sweep's stop flag
    int m_generation = 0;  // of the sweep whose result is wanted; older results are dropped
    int m_workerGeneration = 0;
    SweepResult m_result;
    QPointF m_current;
    int m_sweeps = 0;
    QLineSeries *m_series = nullptr;
    QScatterSeries *m_marker = nullptr;
    QValueAxis *m_x = nullptr;
    QValueAxis *m_y = nullptr;
};
