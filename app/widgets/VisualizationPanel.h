#pragma once

#include <QList>
#include <QWidget>

#include <aio/trace_event.hpp>
#include <trace/trace_state.hpp>

class QSplitter;
class TraceView;
class EventLoopView;
class TimelineView;
class QueueView;
class SemaphoreView;
class BucketView;
class PoolView;
class ConsoleView;
class DeadlockOverlay;

namespace trace { class Recorder; }
namespace lessons { struct Lesson; struct Params; }

// The visualization area: the event loop and beside it the lesson's object views
// (queues, semaphores and locks, token buckets, the connection pool; each shown
// only when the run has something for it), the timeline below, the console at the
// bottom, and the deadlock overlay over everything. It draws TraceStates only.
class VisualizationPanel : public QWidget
{
    Q_OBJECT

public:
    explicit VisualizationPanel(QWidget *parent = nullptr);

    // A new run: the timeline's lanes, the pool's queue, and which object views show
    // (from the run's final state, so that they do not come and go while playing).
    void setRun(const trace::Recorder *recorder, const lessons::Lesson *lesson, double poolSize);
    // The same run grew (a live run): the timeline takes the longer trace (keeping its zoom),
    // object views that got something to show appear.
    void runGrew(const trace::Recorder *recorder);
    // The state at the cursor, to every shown view (and the overlay).
    void setState(const trace::TraceState &state, const aio::TraceEvent *current, bool animated);

    // Every view, the overlay included.
    QList<TraceView *> views() const { return m_views; }
    // The views that are shown for the current run.
    QList<TraceView *> shownViews() const;
    QList<QSplitter *> splitters() const;

    EventLoopView *eventLoopView() const { return m_eventLoop; }
    TimelineView *timelineView() const { return m_timeline; }

signals:
    // The timeline was clicked at this cursor.
    void seekRequested(qulonglong cursor);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void showObjectViews(const trace::Recorder *recorder);

    QList<TraceView *> m_views;
    QList<TraceView *> m_objectViews;  // queue, semaphore, bucket, pool: shown by content
    EventLoopView *m_eventLoop = nullptr;
    TimelineView *m_timeline = nullptr;
    QueueView *m_queue = nullptr;
    SemaphoreView *m_semaphore = nullptr;
    BucketView *m_bucket = nullptr;
    PoolView *m_pool = nullptr;
    ConsoleView *m_console = nullptr;
    DeadlockOverlay *m_overlay = nullptr;
    QWidget *m_objectColumn = nullptr;
    QString m_poolObject;
    QSplitter *m_vertical = nullptr;
    QSplitter *m_stage = nullptr;
};
