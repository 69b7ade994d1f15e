#pragma once

#include "TraceView.h"

#include <QHash>
#include <QPoint>
#include <QStringList>
#include <QVector>

#include <cstddef>
#include <cstdint>

namespace trace {
class Recorder;
}

// One swimlane per task over the whole run, coloured and patterned by state,
// with wake-up arrows (from the task whose action ended a wait to the task it
// woke), debug mode's slow steps marked on the lane of the task that held the
// loop (a warning bar under the step and a warning sign at its end; steps of
// plain callbacks have no lane and are only counted), and a cursor line at the
// player's position.
//
// The x axis mixes virtual time and event order: x = share * time / end time +
// (1 - share) * event index / events. Pure virtual time would give every step a
// width of zero (a step takes no virtual time); the event share gives each step
// room, the time share keeps long sleeps long.
//
// setRecorder() builds the lanes once per run (per-task segment vectors and the
// arrows, all in axis units); paintEvent() binary-searches the visible range and
// draws only the visible lanes, at most one segment per pixel column.
// Zoom: Ctrl+wheel, +/- keys (0 resets); pan: drag, wheel (vertical: lanes,
// Shift or horizontal wheel: time). A click asks the player to seek there.
class TimelineView : public TraceView
{
    Q_OBJECT

public:
    explicit TimelineView(QWidget *parent = nullptr);

    // Builds the lane model of a run (nullptr: no run). The recorder is read only
    // here: the view keeps no pointer to it. keepView: the same run grew (a live run),
    // so zoom, pan and the lanes scrolled out stay as they are.
    void setRecorder(const trace::Recorder *recorder, bool keepView = false);
    // The share of virtual time in the x axis (0..1, default 0.5; see above). 1: a pure
    // time axis, so that two timelines with the same span line up.
    void setTimeShare(double share);
    // The axis spans at least this much time (ns) from the first event: two runs on one
    // time axis. 0 (the default): the run's own span. Applies at the next setRecorder().
    void setMinimumSpan(std::int64_t spanNs) { m_minSpanNs = spanNs; }
    // The time the run spans, first to last event, in ns.
    std::int64_t runSpan() const { return m_runSpanNs; }
    // The lane names, top to bottom (tests).
    QStringList laneNames() const { return m_names; }
    void setState(const trace::TraceState &state, const aio::TraceEvent *current) override;
    QString describe() const override;
    bool hasContent() const override { return !m_lanes.isEmpty(); }

    int laneCount() const { return int(m_lanes.size()); }
    std::size_t eventCount() const { return m_events; }
    // Number of segments of a lane (tests).
    int segmentCount(int lane) const { return lane >= 0 && lane < m_lanes.size() ? int(m_lanes[lane].size()) : 0; }
    int arrowCount() const { return int(m_arrows.size()); }
    // Slow-step marks on a lane, and the slow steps of callbacks (no lane to mark) (tests).
    int slowMarkCount(int lane) const { return int(m_slowMarks.value(lane).size()); }
    int slowCallbackCount() const { return m_slowCallbacks; }

    double zoom() const { return m_zoom; }
    void setZoom(double zoom);  // 1 = the whole run fits, up to 100000
    void zoomIn() { zoomAround(1.5, plotCenterX()); }
    void zoomOut() { zoomAround(1 / 1.5, plotCenterX()); }
    void resetZoom();
    // The axis position (0..1) at the left edge of the plot.
    double offset() const { return m_offset; }
    void setOffset(double offset);
    // Lanes scrolled out at the top.
    int firstVisibleLane() const;

    QSize sizeHint() const override { return {560, 260}; }
    QSize minimumSizeHint() const override { return {300, 140}; }

signals:
    // The user clicked at the event that leaves the state `position` events in.
    void seekRequested(qulonglong position);

protected:
    void paintEvent(QPaintEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    QString toolTipAt(const QPoint &pos) const override;

private:
    struct Segment {
        float start;
        float end;
        std::uint8_t status;  // trace::TaskStatus
        std::uint8_t wait;    // aio::WaitKind
    };
    struct Arrow {
        float u;
        int from;
        int to;
    };
    struct SlowMark {  // a step that held the loop (debug mode), on its task's lane
        float start;   // axis position of the step's StepBegin
        float end;     // of the SlowStep report (the step's end)
        std::int64_t startNs;
        std::int64_t endNs;
        QString text;  // the scheduler's sentence, as asyncio words it
    };
    struct TimeMark {  // the first event at a new loop time
        std::int64_t time;
        std::uint32_t first;
    };

    double axisOf(std::int64_t timeNs, std::size_t index) const;
    double axisOfTime(std::int64_t timeNs) const;  // the first event at or after that time
    std::int64_t timeAt(double u) const;
    std::size_t indexAt(double u) const;
    double xOf(double u) const;
    double uOf(double x) const;
    double plotLeft() const;
    double plotWidth() const;
    double plotCenterX() const { return plotLeft() + plotWidth() / 2; }
    int lanesTop() const;
    int maxScroll() const;
    void zoomAround(double factor, double x);
    void clampView();
    void followCursor();

    QVector<QVector<Segment>> m_lanes;
    QStringList m_names;
    QVector<Arrow> m_arrows;       // sorted by u
    QHash<int, QVector<SlowMark>> m_slowMarks;  // by lane, each sorted by u (few lanes have any)
    int m_slowCallbacks = 0;
    QVector<TimeMark> m_times;     // sorted by time and index
    std::size_t m_events = 0;
    std::int64_t m_startNs = 0;
    std::int64_t m_spanNs = 0;
    std::int64_t m_runSpanNs = 0;
    std::int64_t m_minSpanNs = 0;
    double m_timeShare = 0.5;

    std::size_t m_position = 0;    // the state's position (events applied)
    std::int64_t m_cursorNs = 0;
    double m_cursorU = 0;

    double m_zoom = 1;
    double m_offset = 0;
    int m_scrollY = 0;
    bool m_dragging = false;
    bool m_dragged = false;
    QPoint m_dragStart;
    double m_dragOffset = 0;
    int m_dragScroll = 0;
};
