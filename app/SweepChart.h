#pragma once

#include <SweepRunner.h>

#include <QChartView>
#include <QTimer>

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
class SweepChart : public QChartView
{
    Q_OBJECT

public:
    explicit SweepChart(LessonSession *session, QWidget *parent = nullptr);

    // The session opened another lesson: forget the old curve, compute the new one.
    void lessonChanged();
    // Computes a pending sweep now (tests, screenshots).
    void recomputeNow();
    bool recomputePending() const { return m_debounce.isActive(); }

    const SweepResult &result() const { return m_result; }
    // The marked point: (current value of the swept parameter, the current run's figure).
    QPointF currentPoint() const { return m_current; }
    int sweepCount() const { return m_sweeps; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void onRunChanged();
    void recompute();
    void updateMarker();
    void updateAxes();
    void applyPalette();
    void retranslateUi();
    QString sweepKey() const;
    QString parameterId() const;

    LessonSession *m_session;
    QTimer m_debounce;
    QString m_key;  // lesson, pitfall and every parameter but the swept one
    SweepResult m_result;
    QPointF m_current;
    int m_sweeps = 0;
    QLineSeries *m_series = nullptr;
    QScatterSeries *m_marker = nullptr;
    QValueAxis *m_x = nullptr;
    QValueAxis *m_y = nullptr;
};
