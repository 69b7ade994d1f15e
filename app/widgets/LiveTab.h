#pragma once

#ifndef Q_MOC_RUN
#include <lessons/lesson.hpp>
#endif

#include <QWidget>

class LagMeter;
class ThreadsComparisonPanel;
class LiveController;
class QLabel;
class QTableWidget;
class QTimer;
class TimelineView;

// Model versus measured, after a live run: a table of the model's prediction for the same
// parameters beside what the live run measured (and what the demo server counted), the two
// timelines one above the other on one time axis (model above, live below), and a few
// sentences on why they differ. Beyond the model's ranges it says that the model makes no
// prediction instead of showing numbers of another run.
class LiveTab : public QWidget
{
    Q_OBJECT

public:
    explicit LiveTab(LiveController *live, QWidget *parent = nullptr);

    // Shows the controller's last result (or that there is none yet).
    void refresh();

    bool comparable() const { return m_comparable; }
    QTableWidget *table() const { return m_table; }
    TimelineView *modelTimeline() const { return m_modelTimeline; }
    TimelineView *liveTimeline() const { return m_liveTimeline; }
    LagMeter *lagMeter() const { return m_lagMeter; }
    ThreadsComparisonPanel *threadsPanel() const { return m_threads; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateLagMeter();

    LiveController *m_live;
    bool m_comparable = false;
    lessons::Run m_modelRun; // the model's run for the values of the last live run
    QLabel *m_heading = nullptr;
    QLabel *m_empty = nullptr;
    QLabel *m_lagLabel = nullptr;
    LagMeter *m_lagMeter = nullptr; // the blocking lesson: the heartbeat's lag, live
    QTimer *m_lagTimer = nullptr;
    ThreadsComparisonPanel *m_threads = nullptr; // the threads lesson: its measurement
    QWidget *m_content = nullptr;
    QTableWidget *m_table = nullptr;
    QLabel *m_connections = nullptr;
    QLabel *m_notComparable = nullptr;
    QLabel *m_modelLabel = nullptr;
    TimelineView *m_modelTimeline = nullptr;
    QLabel *m_liveLabel = nullptr;
    TimelineView *m_liveTimeline = nullptr;
    QLabel *m_explanation = nullptr;
};
