#pragma once

#include "views/TraceView.h"

#include <QHash>
#include <QImage>
#include <QPoint>
#include <QStringList>
#include <QVector>

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

class QPainter;
class StateStyle;

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
// setRecorder() builds the lanes once per run (one flat segment array indexed by
// lane, and the arrows, all in axis units); paintEvent() binary-searches the
// visible range and draws only the visible lanes, at most one segment per pixel
// column.
//
// Level of detail: lanes have a height (vertical zoom, 20 px by default; a run of
// more than 2,000 tasks opens with all lanes fitted into the view). Lanes of 8 px
// and more are drawn one by one (names from 12 px on); thinner lanes are rastered
// per pixel: each pixel row is a band of the lanes that fall into it, each pixel of
// it coloured by the state most of those lanes are in (paler when mixed). The
// raster is cached, so a frame while playing moves only the cursor; its cost
// depends on the pixels and the visible segments, not on the number of tasks.
// bands() reports the counts per state of each band at the cursor (tests).
//
// Zoom time: Ctrl+wheel, +/- keys; zoom lanes: Ctrl+Shift+wheel or Alt+wheel,
// Ctrl++/Ctrl+- keys; 0 resets both. Pan: drag, wheel (vertical: lanes, Shift or
// horizontal wheel: time). A click asks the player to seek there.
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
    bool hasContent() const override { return laneCount() > 0; }

    int laneCount() const { return int(m_laneTask.size()); }
    std::size_t eventCount() const { return m_events; }
    // Number of segments of a lane (tests).
    int segmentCount(int lane) const
    {
        return lane >= 0 && lane < laneCount() ? int(m_laneBegin[lane + 1] - m_laneBegin[lane]) : 0;
    }
    // The task a lane shows.
    std::uint32_t laneTask(int lane) const { return lane >= 0 && lane < laneCount() ? m_laneTask[lane] : 0; }
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

    // Vertical zoom: pixels per lane, from "all lanes fit" (or 20 px, if less) up to 24.
    double laneHeight() const { return m_laneStep; }
    void setLaneHeight(double pixels);
    void zoomLanesIn() { zoomLanesAround(1.5, lanesCenterY()); }
    void zoomLanesOut() { zoomLanesAround(1 / 1.5, lanesCenterY()); }
    void fitLanes();                 // every lane in the view
    double fittedLaneHeight() const;  // the height fitLanes() sets
    static constexpr double readableLaneHeight = 20;
    // Lanes thinner than a pixel are aggregated into bands (one per pixel row); lanes
    // thinner than 3 px are rastered per pixel, names show from 12 px on.
    bool lanesAggregated() const { return m_laneStep < 1; }
    bool laneNamesShown() const { return m_laneStep >= 12; }
    // The visible bands (pixel rows, or single lanes when they are thicker) with the
    // number of their tasks in each trace::TaskStatus at the cursor; tasks not created
    // yet are in no count.
    struct Band {
        int firstLane = 0;
        int lastLane = 0;
        std::array<int, 7> counts{};
    };
    QVector<Band> bands() const;
    // Bytes of the lane model (segments, arrows, time marks, names).
    std::size_t memoryBytes() const;

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
    struct Segment {          // ends where the next one of its lane starts (the last: at m_lastU)
        float start;
        std::uint32_t first;  // the event that began it: the lane's state from there on
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
    double lanesHeight() const { return std::max(1, height() - lanesTop()); }
    double lanesCenterY() const { return lanesTop() + lanesHeight() / 2; }
    double maxLaneTop() const;
    double laneY(int lane) const { return lanesTop() + (lane - m_laneTop) * m_laneStep; }
    int laneAt(double y) const;
    double segmentEnd(std::uint32_t index, int lane) const;
    // The lane's segment at the state after `position` events (nullptr: none yet).
    const Segment *segmentAtPosition(int lane, std::size_t position) const;
    // Lanes in pixel row `row` of the lane area: [first, last].
    bool rowLanes(int row, int &first, int &last) const;
    void paintRaster(QPainter &p, const StateStyle &style);
    void updateRaster(const StateStyle &style);  // the folded lanes' image, made again when the run or the view changed
    void paintLanes(QPainter &p, const StateStyle &style, int first, int last);
    void scrollLanes(double lanes);
    void zoomLanesAround(double factor, double y);
    void zoomAround(double factor, double x);
    void clampView();
    void followCursor();

    std::vector<Segment> m_segments;       // lane by lane
    std::vector<std::uint32_t> m_laneBegin;  // lane l: m_segments[m_laneBegin[l], m_laneBegin[l + 1])
    std::vector<std::uint32_t> m_laneTask;
    float m_lastU = 1;
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
    double m_laneStep = readableLaneHeight;
    double m_laneTop = 0;  // the lane (fractional) at the top edge
    bool m_fitOnResize = false;  // the lanes were fitted: a resize fits them again
    bool m_dragging = false;
    bool m_dragged = false;
    QPoint m_dragStart;
    double m_dragOffset = 0;
    double m_dragLaneTop = 0;

    // The raster of thin lanes, kept while nothing it depends on changes.
    struct RasterKey {
        double offset = -1, zoom = 0, laneTop = 0, laneStep = 0;
        int width = 0, height = 0;
        quint64 generation = 0;
        QRgb background = 0;
        bool operator==(const RasterKey &) const = default;
    };
    QImage m_raster;
    RasterKey m_rasterKey;
    quint64 m_generation = 0;
};
