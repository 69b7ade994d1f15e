#include "views/TimelineView.h"

#include "views/StateStyle.h"

#include <trace/recorder.hpp>

#include <QKeyEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace {

constexpr int kHeader = 22;
constexpr int kLaneHeight = 16;
constexpr double kMaxZoom = 100000;
constexpr double kMaxLaneStep = 24;
// A run with more lanes than this opens with all of them fitted into the view: scrolling
// through them one by one is no way to see it.
constexpr int kOverviewLanes = 2000;
// Lanes thinner than this are rastered per pixel row.
constexpr double kRasterBelow = 3;

// Ticks at 1, 2 or 5 times a power of ten.
double niceStep(double raw)
{
    if (raw <= 0) return 1;
    const double p = std::pow(10.0, std::floor(std::log10(raw)));
    const double m = raw / p;
    return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

bool affectsTask(aio::TraceEventKind kind)
{
    switch (kind) {
    case aio::TraceEventKind::TaskCreated:
    case aio::TraceEventKind::TaskScheduled:
    case aio::TraceEventKind::StepBegin:
    case aio::TraceEventKind::StepEnd:
    case aio::TraceEventKind::Suspended:
    case aio::TraceEventKind::Woken:
    case aio::TraceEventKind::TaskFinished:
        return true;
    default:
        return false;
    }
}

}  // namespace

TimelineView::TimelineView(QWidget *parent) : TraceView(parent)
{
    setObjectName(QStringLiteral("timelineView"));
    setAccessibleName(tr("Timeline"));
    setAccessibleDescription(tr("One lane per task. Ctrl+wheel or +/- zooms, drag or wheel pans, 0 resets the zoom."));
    setToolTip(QString());
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void TimelineView::setTimeShare(double share)
{
    m_timeShare = std::clamp(share, 0.0, 1.0);
}

void TimelineView::setRecorder(const trace::Recorder *recorder, bool keepView)
{
    m_segments.clear();
    m_laneBegin.assign(1, 0);
    m_laneTask.clear();
    m_lastU = 1;
    m_names.clear();
    m_arrows.clear();
    m_slowMarks.clear();
    m_slowCallbacks = 0;
    m_times.clear();
    m_events = 0;
    m_startNs = 0;
    m_spanNs = 0;
    m_runSpanNs = 0;
    ++m_generation;
    if (!keepView)
        m_laneTop = 0;
    if (recorder && !recorder->empty()) {
        const trace::Recorder &rec = *recorder;
        m_events = rec.size();
        m_startNs = rec.front().time_ns;
        m_runSpanNs = std::max<std::int64_t>(0, rec.back().time_ns - m_startNs);
        m_spanNs = std::max(m_runSpanNs, m_minSpanNs);

        // Segments in event order with their lane, sorted into lanes afterwards (one
        // allocation for all lanes instead of one per task).
        std::vector<Segment> raw;
        std::vector<std::uint32_t> rawLane;
        std::vector<std::uint32_t> lastOf;  // by lane: its newest segment in raw
        QHash<std::uint32_t, int> laneOf;
        QVector<float> stepBegin;  // by lane: axis position of the task's last StepBegin (-1: none yet)
        trace::TraceState state;  // folded here only: the recorder outlives this call
        for (std::size_t i = 0; i < m_events; ++i) {
            const aio::TraceEvent &e = rec[i];
            state.apply(e);
            if (m_times.isEmpty() || m_times.back().time != e.time_ns)
                m_times.append({e.time_ns, std::uint32_t(i)});
            if (e.kind == aio::TraceEventKind::SlowStep) {
                // The report follows the step's StepEnd: the mark spans from its StepBegin to here.
                const int lane = e.task ? laneOf.value(e.task, -1) : -1;
                if (lane < 0) {
                    ++m_slowCallbacks;
                    continue;
                }
                const std::int64_t startNs = e.time_ns - std::max<std::int64_t>(0, e.value);
                const float end = float(axisOf(e.time_ns, i));
                const float start = stepBegin[lane] >= 0 ? stepBegin[lane] : float(axisOfTime(startNs));
                m_slowMarks[lane].append({std::min(start, end), end, startNs, e.time_ns, StateStyle::fromView(e.text)});
                continue;
            }
            if (!affectsTask(e.kind) || e.task == 0) continue;
            const trace::TaskInfo *task = state.task(e.task);
            if (!task) continue;
            int lane = laneOf.value(task->id, -1);
            if (lane < 0) {
                lane = int(m_laneTask.size());
                laneOf.insert(task->id, lane);
                m_laneTask.push_back(task->id);
                lastOf.push_back(std::uint32_t(-1));
                m_names.append(StateStyle::taskName(state, task->id));
                stepBegin.append(-1.0f);
            } else if (e.kind == aio::TraceEventKind::TaskCreated) {
                m_names[lane] = StateStyle::taskName(state, task->id);
            }
            const auto status = std::uint8_t(task->status);
            const auto wait = std::uint8_t(task->status == trace::TaskStatus::Waiting ? task->wait : aio::WaitKind::None);
            const float u = float(axisOf(e.time_ns, i));
            if (e.kind == aio::TraceEventKind::StepBegin) stepBegin[lane] = u;
            const std::uint32_t last = lastOf[lane];
            if (last == std::uint32_t(-1) || raw[last].status != status || raw[last].wait != wait) {
                lastOf[lane] = std::uint32_t(raw.size());
                raw.push_back({u, std::uint32_t(i), status, wait});
                rawLane.push_back(std::uint32_t(lane));
            }
            if (e.kind == aio::TraceEventKind::Woken && e.other != 0) {
                const int from = laneOf.value(e.other, -1);
                if (from >= 0 && from != lane) m_arrows.append({u, from, lane});
            }
        }
        // A counting sort by lane keeps each lane's segments in event order.
        m_laneBegin.assign(m_laneTask.size() + 1, 0);
        for (std::uint32_t lane : rawLane) ++m_laneBegin[lane + 1];
        for (std::size_t l = 1; l < m_laneBegin.size(); ++l) m_laneBegin[l] += m_laneBegin[l - 1];
        std::vector<std::uint32_t> fill(m_laneBegin.begin(), m_laneBegin.end() - 1);
        m_segments.resize(raw.size());
        for (std::size_t k = 0; k < raw.size(); ++k) m_segments[fill[rawLane[k]]++] = raw[k];
        // To the last event (the right edge, unless the axis spans more than this run).
        m_lastU = m_events > 1 ? float(axisOf(rec.back().time_ns, m_events - 1)) : 1.0f;
    }
    if (!keepView) {
        m_fitOnResize = laneCount() > kOverviewLanes;
        m_laneStep = m_fitOnResize ? fittedLaneHeight() : readableLaneHeight;
    }
    clampView();
    // Folded lanes are drawn into an image once per run and view; do it now, with the rest of
    // loading the run, so that playing never waits for it (only zooming or resizing does).
    if (isVisible() && hasContent() && m_laneStep < kRasterBelow) updateRaster(StateStyle(palette()));
    update();
}

double TimelineView::segmentEnd(std::uint32_t index, int lane) const
{
    return index + 1 < m_laneBegin[lane + 1] ? double(m_segments[index + 1].start) : double(m_lastU);
}

const TimelineView::Segment *TimelineView::segmentAtPosition(int lane, std::size_t position) const
{
    if (position == 0 || lane < 0 || lane >= laneCount()) return nullptr;
    const Segment *begin = m_segments.data() + m_laneBegin[lane];
    const Segment *end = m_segments.data() + m_laneBegin[lane + 1];
    // The last segment begun by one of the first `position` events.
    const Segment *it = std::upper_bound(begin, end, position - 1,
                                         [](std::size_t event, const Segment &s) { return event < s.first; });
    return it == begin ? nullptr : it - 1;
}

double TimelineView::axisOf(std::int64_t timeNs, std::size_t index) const
{
    if (m_events <= 1) return 0;
    const double share = m_spanNs > 0 ? m_timeShare : 0.0;
    const double timePart = m_spanNs > 0 ? double(timeNs - m_startNs) / double(m_spanNs) : 0.0;
    return share * timePart + (1 - share) * double(index) / double(m_events - 1);
}

double TimelineView::axisOfTime(std::int64_t timeNs) const
{
    const auto it = std::lower_bound(m_times.cbegin(), m_times.cend(), timeNs,
                                     [](const TimeMark &m, std::int64_t t) { return m.time < t; });
    const std::size_t index = it == m_times.cend() ? (m_events ? m_events - 1 : 0) : it->first;
    return axisOf(timeNs, index);
}

std::int64_t TimelineView::timeAt(double u) const
{
    if (m_times.isEmpty()) return 0;
    // The last mark that starts at or before u.
    auto it = std::upper_bound(m_times.cbegin(), m_times.cend(), u,
                               [this](double value, const TimeMark &m) { return value < axisOf(m.time, m.first); });
    if (it == m_times.cbegin()) return m_times.front().time;
    --it;
    const auto next = it + 1;
    if (next == m_times.cend() || m_spanNs <= 0) return it->time;
    // Past this time's events the axis moves with time alone up to the next mark.
    const double lastOfMark = axisOf(it->time, next->first - 1);
    const double extra = std::max(0.0, u - lastOfMark) / m_timeShare * double(m_spanNs);
    return std::min(next->time, it->time + std::int64_t(extra));
}

std::size_t TimelineView::indexAt(double u) const
{
    if (m_events == 0) return 0;
    const auto timeOf = [this](std::size_t i) {
        auto it = std::upper_bound(m_times.cbegin(), m_times.cend(), std::uint32_t(i),
                                   [](std::uint32_t value, const TimeMark &m) { return value < m.first; });
        return it == m_times.cbegin() ? m_startNs : (it - 1)->time;
    };
    std::size_t lo = 0, hi = m_events - 1;  // the last event whose axis position is <= u
    while (lo < hi) {
        const std::size_t mid = (lo + hi + 1) / 2;
        if (axisOf(timeOf(mid), mid) <= u) lo = mid;
        else hi = mid - 1;
    }
    return lo;
}

double TimelineView::plotLeft() const
{
    return std::min(130.0, width() * 0.25);
}

double TimelineView::plotWidth() const
{
    return std::max(1.0, width() - plotLeft() - 6);
}

double TimelineView::xOf(double u) const
{
    return plotLeft() + (u - m_offset) * m_zoom * plotWidth();
}

double TimelineView::uOf(double x) const
{
    return m_offset + (x - plotLeft()) / (m_zoom * plotWidth());
}

int TimelineView::lanesTop() const
{
    return kHeader + 4;
}

double TimelineView::maxLaneTop() const
{
    return std::max(0.0, laneCount() - lanesHeight() / m_laneStep);
}

int TimelineView::firstVisibleLane() const
{
    return int(m_laneTop + 1e-9);
}

int TimelineView::laneAt(double y) const
{
    return int(std::floor(m_laneTop + (y - lanesTop()) / m_laneStep + 1e-9));
}

double TimelineView::fittedLaneHeight() const
{
    return laneCount() > 0 ? std::min(readableLaneHeight, lanesHeight() / laneCount()) : readableLaneHeight;
}

void TimelineView::clampView()
{
    m_zoom = std::clamp(m_zoom, 1.0, kMaxZoom);
    m_offset = std::clamp(m_offset, 0.0, std::max(0.0, 1.0 - 1.0 / m_zoom));
    m_laneStep = std::clamp(m_laneStep, std::min(fittedLaneHeight(), readableLaneHeight), kMaxLaneStep);
    m_laneTop = std::clamp(m_laneTop, 0.0, maxLaneTop());
}

void TimelineView::setLaneHeight(double pixels)
{
    m_fitOnResize = false;
    const double centre = m_laneTop + lanesHeight() / 2 / m_laneStep;
    m_laneStep = pixels;
    clampView();
    m_laneTop = centre - lanesHeight() / 2 / m_laneStep;
    clampView();
    update();
}

void TimelineView::fitLanes()
{
    m_laneStep = fittedLaneHeight();
    m_laneTop = 0;
    clampView();
    m_fitOnResize = true;
    update();
}

void TimelineView::zoomLanesAround(double factor, double y)
{
    // The lane under y stays under y.
    const double anchor = m_laneTop + (y - lanesTop()) / m_laneStep;
    m_laneStep *= factor;
    clampView();
    m_laneTop = anchor - (y - lanesTop()) / m_laneStep;
    clampView();
    m_fitOnResize = m_laneStep <= fittedLaneHeight() && fittedLaneHeight() < readableLaneHeight;
    update();
}

void TimelineView::scrollLanes(double lanes)
{
    m_laneTop += lanes;
    clampView();
    update();
}

bool TimelineView::rowLanes(int row, int &first, int &last) const
{
    // Lanes whose top edge falls into the row; a lane thicker than a pixel covers its rows.
    const double from = m_laneTop + row / m_laneStep;
    const double to = m_laneTop + (row + 1) / m_laneStep;
    first = int(std::floor(from + 1e-9));
    last = std::max(first, int(std::ceil(to - 1e-9)) - 1);
    last = std::min(last, laneCount() - 1);
    return first >= 0 && first < laneCount();
}

QVector<TimelineView::Band> TimelineView::bands() const
{
    QVector<Band> out;
    const int rows = int(lanesHeight());
    int next = 0;  // the first lane no band holds yet
    for (int row = 0; row < rows; ++row) {
        int first = 0, last = 0;
        if (!rowLanes(row, first, last)) break;
        first = std::max(first, next);
        if (first > last) continue;  // a thick lane: one band over its rows
        next = last + 1;
        Band band{first, last, {}};
        for (int lane = first; lane <= last; ++lane)
            if (const Segment *s = segmentAtPosition(lane, m_position)) ++band.counts[s->status];
        out.append(band);
    }
    return out;
}

std::size_t TimelineView::memoryBytes() const
{
    std::size_t bytes = m_segments.capacity() * sizeof(Segment) + m_laneBegin.capacity() * sizeof(std::uint32_t)
                        + m_laneTask.capacity() * sizeof(std::uint32_t) + std::size_t(m_arrows.capacity()) * sizeof(Arrow)
                        + std::size_t(m_times.capacity()) * sizeof(TimeMark) + std::size_t(m_raster.sizeInBytes());
    for (const QString &name : m_names) bytes += sizeof(QString) + std::size_t(name.capacity()) * 2 + 16;
    return bytes;
}

void TimelineView::setZoom(double zoom)
{
    const double center = m_offset + 0.5 / m_zoom;
    m_zoom = std::clamp(zoom, 1.0, kMaxZoom);
    m_offset = center - 0.5 / m_zoom;
    clampView();
    update();
}

void TimelineView::setOffset(double offset)
{
    m_offset = offset;
    clampView();
    update();
}

void TimelineView::resetZoom()
{
    m_zoom = 1;
    m_offset = 0;
    clampView();
    update();
}

void TimelineView::zoomAround(double factor, double x)
{
    const double anchor = uOf(x);
    m_zoom = std::clamp(m_zoom * factor, 1.0, kMaxZoom);
    m_offset = anchor - (x - plotLeft()) / (m_zoom * plotWidth());
    clampView();
    update();
}

void TimelineView::followCursor()
{
    const double visible = 1.0 / m_zoom;
    if (m_cursorU < m_offset || m_cursorU > m_offset + visible) {
        m_offset = m_cursorU - 0.3 * visible;
        clampView();
    }
}

void TimelineView::setState(const trace::TraceState &state, const aio::TraceEvent *)
{
    m_position = state.position();
    m_cursorNs = state.time_ns();
    m_cursorU = m_position == 0 ? 0.0 : axisOf(m_cursorNs, std::min(m_position, m_events) - 1);
    followCursor();
    update();
}

QString TimelineView::describe() const
{
    QStringList lines;
    lines << QStringLiteral("lanes: %1").arg(laneCount());
    lines << QStringLiteral("events: %1").arg(qulonglong(m_events));
    lines << QStringLiteral("arrows: %1").arg(m_arrows.size());
    lines << QStringLiteral("cursor: %1 at %2").arg(qulonglong(m_position)).arg(StateStyle::seconds(double(m_cursorNs) / 1e9));
    lines << QStringLiteral("zoom: %1").arg(QString::number(m_zoom, 'f', 2));
    int slow = 0;
    for (const QVector<SlowMark> &marks : m_slowMarks) slow += int(marks.size());
    lines << QStringLiteral("slow steps: %1 marked, %2 callbacks").arg(slow).arg(m_slowCallbacks);
    for (int lane = 0; lane < laneCount() && slow > 0; ++lane) {
        for (const SlowMark &m : m_slowMarks.value(lane))
            lines << QStringLiteral("slow %1: %2 to %3: %4")
                         .arg(m_names[lane], StateStyle::seconds(double(m.startNs) / 1e9),
                              StateStyle::seconds(double(m.endNs) / 1e9), m.text);
    }
    lines << QStringLiteral("lane height: %1%2").arg(QString::number(m_laneStep, 'f', 3),
                                                      lanesAggregated() ? QStringLiteral(", bands") : QString());
    return lines.join(QLatin1Char('\n'));
}

void TimelineView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const StateStyle style(palette());
    p.fillRect(rect(), style.background());
    const double left = plotLeft();
    const double right = left + plotWidth();
    if (!hasContent()) {
        p.setPen(style.dimText());
        p.drawText(rect(), Qt::AlignCenter, tr("No run"));
        return;
    }
    const double uMin = m_offset;
    const double uMax = m_offset + 1.0 / m_zoom;

    // Time axis: ticks at round virtual times, labels that do not collide.
    p.setPen(style.lines());
    p.drawLine(QPointF(left, kHeader), QPointF(right, kHeader));
    if (m_spanNs > 0) {
        const std::int64_t t0 = timeAt(uMin), t1 = std::max(timeAt(uMax), t0 + 1);
        const double step = niceStep(double(t1 - t0) / 1e9 * 80.0 / plotWidth());
        double lastLabelRight = -1e9;
        int ticks = 0;
        for (double t = std::ceil(double(t0) / 1e9 / step) * step; t <= double(t1) / 1e9 + 1e-12 && ticks < 400;
             t += step, ++ticks) {
            const double x = xOf(axisOfTime(std::int64_t(std::llround(t * 1e9))));
            if (x < left - 0.5 || x > right + 0.5) continue;
            p.setPen(style.lines());
            p.drawLine(QPointF(x, kHeader - 5), QPointF(x, kHeader));
            const QString label = StateStyle::seconds(t);
            const double w = p.fontMetrics().horizontalAdvance(label);
            if (x - w / 2 > lastLabelRight + 8 && x + w / 2 <= width()) {
                p.setPen(style.dimText());
                p.drawText(QRectF(x - w / 2, 0, w, kHeader - 5), Qt::AlignCenter, label);
                lastLabelRight = x + w / 2;
            }
        }
    }

    // Lanes: one by one, or rastered into bands when they are thin.
    const int top = lanesTop();
    const int first = std::max(0, firstVisibleLane());
    const int last = std::min(laneCount() - 1, laneAt(height()));
    p.save();
    p.setClipRect(QRectF(0, top, width(), height() - top));
    if (m_laneStep < kRasterBelow) paintRaster(p, style);
    else paintLanes(p, style, first, last);
    // Wake-up arrows, from the waker's lane to the woken task's.
    const double laneBox = m_laneStep * kLaneHeight / readableLaneHeight;
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setClipRect(QRectF(left, top, right - left, height() - top));
    QColor arrowColor = style.text();
    arrowColor.setAlpha(170);
    p.setPen(QPen(arrowColor, 1));
    p.setBrush(arrowColor);
    auto a = std::lower_bound(m_arrows.cbegin(), m_arrows.cend(), uMin, [](const Arrow &x, double u) { return x.u < u; });
    if (m_laneStep < kRasterBelow) a = m_arrows.cend();  // in bands an arrow would point at a crowd, not a task
    int drawn = 0;
    double lastX = -1e9;
    for (; a != m_arrows.cend() && a->u <= uMax && drawn < 3000; ++a) {
        if ((a->from < first && a->to < first) || (a->from > last && a->to > last)) continue;
        const double x = xOf(a->u);
        if (std::abs(x - lastX) < 1 && drawn > 0) continue;
        lastX = x;
        ++drawn;
        const double y0 = laneY(a->from) + laneBox / 2.0, y1 = laneY(a->to) + laneBox / 2.0;
        p.drawLine(QPointF(x, y0), QPointF(x, y1));
        const double dir = y1 > y0 ? -1 : 1;
        QPainterPath head;
        head.moveTo(x, y1);
        head.lineTo(x - 3, y1 + dir * 6);
        head.lineTo(x + 3, y1 + dir * 6);
        head.closeSubpath();
        p.drawPath(head);
    }
    p.restore();

    // The cursor, and the future dimmed behind it.
    const double cx = xOf(m_cursorU);
    if (cx < right) {
        QColor veil = style.background();
        veil.setAlpha(110);
        p.fillRect(QRectF(std::max(cx, left), top, right - std::max(cx, left), height() - top), veil);
    }
    if (cx >= left - 1 && cx <= right + 1) {
        p.setPen(QPen(style.accent(), 2));
        p.drawLine(QPointF(cx, kHeader - 6), QPointF(cx, height()));
    }

    // Where the visible lanes are among all of them.
    if (maxLaneTop() > 0) {
        const double track = height() - top;
        const double total = double(laneCount()) * m_laneStep;
        const double h = std::max(12.0, track * track / total);
        const double y = top + (track - h) * m_laneTop / maxLaneTop();
        QColor thumb = style.text();
        thumb.setAlpha(90);
        p.setPen(Qt::NoPen);
        p.setBrush(thumb);
        p.drawRoundedRect(QRectF(width() - 5, y, 4, h), 2, 2);
    }

    if (hasFocus()) {
        p.setPen(QPen(style.accent(), 1, Qt::DotLine));
        p.setBrush(Qt::NoBrush);
        p.drawRect(rect().adjusted(0, 0, -1, -1));
    }
}

void TimelineView::paintLanes(QPainter &p, const StateStyle &style, int first, int last)
{
    const double left = plotLeft();
    const double right = left + plotWidth();
    const double uMin = m_offset;
    const double uMax = m_offset + 1.0 / m_zoom;
    // A lane's box keeps the readable proportions (16 of 20 px), at least a pixel with a gap.
    const double box = m_laneStep >= 8 ? m_laneStep * kLaneHeight / readableLaneHeight : std::max(1.0, m_laneStep - 1);
    for (int lane = first; lane <= last; ++lane) {
        const double y = laneY(lane);
        if (laneNamesShown()) {
            if (lane % 2) p.fillRect(QRectF(0, y - 2, width(), m_laneStep), style.panel());
            p.setPen(style.text());
            p.drawText(QRectF(4, y, left - 8, box), Qt::AlignVCenter | Qt::AlignLeft,
                       p.fontMetrics().elidedText(m_names[lane], Qt::ElideRight, int(left - 8)));
        }
        const Segment *begin = m_segments.data() + m_laneBegin[lane];
        const Segment *end = m_segments.data() + m_laneBegin[lane + 1];
        // The segment that reaches into the visible range: the last one starting at or before uMin.
        const Segment *it = std::upper_bound(begin, end, uMin, [](double u, const Segment &s) { return u < s.start; });
        if (it != begin) --it;
        double drawnTo = left;
        p.save();
        p.setClipRect(QRectF(left, y, right - left, box));
        for (; it != end && it->start <= uMax; ++it) {
            const double segEnd = segmentEnd(std::uint32_t(it - m_segments.data()), lane);
            if (segEnd < uMin) continue;
            double x0 = std::max(xOf(it->start), left);
            double x1 = std::min(xOf(segEnd), right);
            if (x1 <= drawnTo + 0.5 && x0 < drawnTo) continue;  // this pixel column is drawn already
            x0 = std::max(x0, drawnTo);
            x1 = std::max(x1, x0 + 1);
            const auto status = trace::TaskStatus(it->status);
            const bool finished = status == trace::TaskStatus::Done || status == trace::TaskStatus::Failed ||
                                  status == trace::TaskStatus::Cancelled || status == trace::TaskStatus::Created;
            const QRectF r = finished && box >= 6 ? QRectF(x0, y + box * 0.35, x1 - x0, box * 0.3) : QRectF(x0, y, x1 - x0, box);
            if (box >= 6) StateStyle::paintStateBox(p, r, status, aio::WaitKind(it->wait));
            else p.fillRect(r, StateStyle::color(status, aio::WaitKind(it->wait)));
            drawnTo = x1;
        }
        // Debug mode's slow steps: a bar under the step that held the loop, a warning sign at its end.
        const auto found = m_slowMarks.constFind(lane);
        if (found != m_slowMarks.cend() && box >= 6) {
            const QVector<SlowMark> &marks = *found;
            const double signU = box / (m_zoom * plotWidth());  // the sign reaches this far right of the end
            auto m = std::lower_bound(marks.cbegin(), marks.cend(), uMin - signU,
                                      [](const SlowMark &mark, double u) { return mark.end < u; });
            double lastSign = -1e9, markedTo = -1e9;
            for (; m != marks.cend() && m->start <= uMax; ++m) {
                const double x0 = std::max(xOf(m->start), left - 2);
                const double x1 = std::min(xOf(m->end), right + box);
                if (x1 < markedTo + 1) continue;  // this pixel column is marked already
                markedTo = x1;
                const QRectF bar(x0, y + box - 4, std::max(2.0, x1 - x0), 4);
                p.fillRect(bar, style.warning());
                p.setPen(QPen(style.warning(), 1));
                p.setBrush(Qt::NoBrush);
                p.drawRect(QRectF(x0, y, std::max(2.0, x1 - x0), box - 1));
                if (x1 - lastSign >= box * 0.75) {  // one sign per place, however many steps share it
                    style.paintWarningSign(p, QRectF(x1 - box / 2.0, y, box, box - 1));
                    lastSign = x1;
                }
            }
        }
        p.restore();
    }
}

void TimelineView::updateRaster(const StateStyle &style)
{
    const int columns = std::max(1, int(plotWidth()));
    const int rows = int(lanesHeight());
    const RasterKey key{m_offset, m_zoom, m_laneTop, m_laneStep, columns, rows, m_generation, style.background().rgb()};
    if (!(key == m_rasterKey) || m_raster.isNull()) {
        m_rasterKey = key;
        m_raster = QImage(columns, rows, QImage::Format_RGB32);
        const QRgb background = style.background().rgb();
        m_raster.fill(background);
        QRgb colors[7];
        for (int s = 0; s < 7; ++s) colors[s] = StateStyle::color(trace::TaskStatus(s), aio::WaitKind::None).rgb();
        // Per row: for each state a difference array over the columns; each lane adds the
        // state it is in at each column's centre, so a column's counts are lanes, not time.
        std::vector<int> diff(std::size_t(7) * std::size_t(columns + 1));
        const double plot = plotWidth();
        const double uMin = m_offset, uMax = m_offset + 1.0 / m_zoom;
        const auto columnOf = [&](double u) {
            return std::clamp(int(std::ceil((u - m_offset) * m_zoom * plot - 0.5)), 0, columns);
        };
        int previousFirst = -1, previousLast = -1;
        for (int row = 0; row < rows; ++row) {
            int first = 0, last = 0;
            if (!rowLanes(row, first, last)) break;
            QRgb *line = reinterpret_cast<QRgb *>(m_raster.scanLine(row));
            if (first == previousFirst && last == previousLast) {  // a lane thicker than a pixel
                std::copy_n(reinterpret_cast<const QRgb *>(m_raster.constScanLine(row - 1)), columns, line);
                continue;
            }
            previousFirst = first;
            previousLast = last;
            std::fill(diff.begin(), diff.end(), 0);
            for (int lane = first; lane <= last; ++lane) {
                const Segment *begin = m_segments.data() + m_laneBegin[lane];
                const Segment *end = m_segments.data() + m_laneBegin[lane + 1];
                const Segment *it = std::upper_bound(begin, end, uMin, [](double u, const Segment &s) { return u < s.start; });
                if (it != begin) --it;
                for (; it != end && it->start <= uMax; ++it) {
                    const int c0 = columnOf(it->start);
                    const int c1 = columnOf(segmentEnd(std::uint32_t(it - m_segments.data()), lane));
                    if (c1 <= c0) continue;
                    int *d = diff.data() + std::size_t(it->status) * std::size_t(columns + 1);
                    ++d[c0];
                    --d[c1];
                }
            }
            int counts[7] = {};
            for (int c = 0; c < columns; ++c) {
                int total = 0, best = -1, bestCount = 0;
                for (int s = 0; s < 7; ++s) {
                    counts[s] += diff[std::size_t(s) * std::size_t(columns + 1) + std::size_t(c)];
                    total += counts[s];
                    if (counts[s] > bestCount) {
                        bestCount = counts[s];
                        best = s;
                    }
                }
                if (best < 0) continue;
                // The dominant state, paler the more the band is mixed.
                const double share = 0.35 + 0.65 * double(bestCount) / double(total);
                const QRgb c1 = colors[best];
                line[c] = qRgb(int(qRed(background) + (qRed(c1) - qRed(background)) * share),
                               int(qGreen(background) + (qGreen(c1) - qGreen(background)) * share),
                               int(qBlue(background) + (qBlue(c1) - qBlue(background)) * share));
            }
        }
    }
}

void TimelineView::paintRaster(QPainter &p, const StateStyle &style)
{
    updateRaster(style);
    const int left = int(std::lround(plotLeft()));
    const int rows = int(lanesHeight());
    p.drawImage(QPoint(left, lanesTop()), m_raster);
    // Where the bands are: lane numbers down the name column.
    p.setPen(style.dimText());
    const int labelEvery = std::max(40, p.fontMetrics().height() * 3);
    for (int row = 0; row + p.fontMetrics().height() <= rows; row += labelEvery) {
        int first = 0, last = 0;
        if (!rowLanes(row, first, last)) break;
        p.drawText(QRectF(4, lanesTop() + row, left - 10, p.fontMetrics().height()), Qt::AlignLeft | Qt::AlignTop,
                   tr("lane %1").arg(QLocale().toString(first + 1)));
    }
    if (lanesAggregated()) {
        p.drawText(QRectF(4, height() - p.fontMetrics().height() - 2, left - 10, p.fontMetrics().height()),
                   Qt::AlignLeft | Qt::AlignBottom, tr("%1 lanes/px").arg(QLocale().toString(1.0 / m_laneStep, 'f', 0)));
    }
}

void TimelineView::wheelEvent(QWheelEvent *event)
{
    const QPoint delta = event->angleDelta();
    const double x = event->position().x();
    const Qt::KeyboardModifiers mods = event->modifiers();
    if ((mods & Qt::AltModifier) || ((mods & Qt::ControlModifier) && (mods & Qt::ShiftModifier))) {
        // Some platforms turn a wheel with Alt or Shift into a horizontal one.
        const int d = delta.y() != 0 ? delta.y() : delta.x();
        zoomLanesAround(std::pow(1.25, d / 120.0), std::max<double>(event->position().y(), lanesTop()));
    } else if (mods & Qt::ControlModifier) {
        zoomAround(std::pow(1.25, delta.y() / 120.0), std::max(x, plotLeft()));
    } else if (delta.x() != 0 || (mods & Qt::ShiftModifier) || maxLaneTop() == 0) {
        const int d = delta.x() != 0 ? delta.x() : delta.y();
        m_offset -= d / 120.0 * 0.1 / m_zoom;
        clampView();
        update();
    } else {
        scrollLanes(-delta.y() / 120.0 * 60.0 / m_laneStep);
    }
    event->accept();
}

void TimelineView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) return TraceView::mousePressEvent(event);
    m_dragging = true;
    m_dragged = false;
    m_dragStart = event->position().toPoint();
    m_dragOffset = m_offset;
    m_dragLaneTop = m_laneTop;
    setCursor(Qt::ClosedHandCursor);
}

void TimelineView::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_dragging) return;
    const QPoint d = event->position().toPoint() - m_dragStart;
    if (d.manhattanLength() > 3) m_dragged = true;
    m_offset = m_dragOffset - d.x() / (m_zoom * plotWidth());
    m_laneTop = m_dragLaneTop - d.y() / m_laneStep;
    clampView();
    update();
}

void TimelineView::mouseReleaseEvent(QMouseEvent *event)
{
    if (!m_dragging) return TraceView::mouseReleaseEvent(event);
    m_dragging = false;
    unsetCursor();
    if (!m_dragged && m_events > 0 && event->position().x() >= plotLeft())
        emit seekRequested(qulonglong(indexAt(uOf(event->position().x())) + 1));
}

void TimelineView::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        if (event->modifiers() & Qt::ControlModifier) zoomLanesIn();
        else zoomIn();
        break;
    case Qt::Key_Minus:
        if (event->modifiers() & Qt::ControlModifier) zoomLanesOut();
        else zoomOut();
        break;
    case Qt::Key_0:
        resetZoom();
        if (laneCount() > kOverviewLanes) fitLanes();
        else setLaneHeight(readableLaneHeight);
        break;
    case Qt::Key_PageDown:
        scrollLanes(lanesHeight() / m_laneStep);
        break;
    case Qt::Key_PageUp:
        scrollLanes(-lanesHeight() / m_laneStep);
        break;
    default:
        TraceView::keyPressEvent(event);  // arrows, Home/End: the player's
        return;
    }
    event->accept();
}

void TimelineView::resizeEvent(QResizeEvent *event)
{
    TraceView::resizeEvent(event);
    if (m_fitOnResize) m_laneStep = fittedLaneHeight();
    clampView();
}

QString TimelineView::toolTipAt(const QPoint &pos) const
{
    if (!hasContent() || pos.x() < plotLeft() || pos.y() < lanesTop()) return {};
    if (lanesAggregated()) {
        // A band: how many of its tasks are in which state at the cursor.
        int first = 0, last = 0;
        if (!rowLanes(pos.y() - lanesTop(), first, last)) return {};
        QStringList parts;
        for (int status = 0; status < 7; ++status) {
            int n = 0;
            for (int lane = first; lane <= last; ++lane)
                if (const Segment *s = segmentAtPosition(lane, m_position)) n += s->status == status ? 1 : 0;
            if (n > 0) parts << QStringLiteral("%1 %2").arg(n).arg(StateStyle::label(trace::TaskStatus(status), aio::WaitKind::None));
        }
        return tr("Lanes %1 to %2 at the cursor: %3")
            .arg(first + 1)
            .arg(last + 1)
            .arg(parts.isEmpty() ? tr("not created yet") : parts.join(QStringLiteral(", ")));
    }
    const int lane = laneAt(pos.y());
    if (lane < 0 || lane >= laneCount()) return {};
    const double u = uOf(pos.x());
    const double box = m_laneStep * kLaneHeight / readableLaneHeight;
    // A slow-step mark (its bar or its sign) first: what debug mode reported.
    const auto found = m_slowMarks.constFind(lane);
    if (found != m_slowMarks.cend()) {
        const double from = uOf(pos.x() - box / 2.0 - 1);
        auto m = std::lower_bound(found->cbegin(), found->cend(), from, [](const SlowMark &mark, double v) { return mark.end < v; });
        for (; m != found->cend() && xOf(m->start) - 2 <= pos.x(); ++m)
            if (pos.x() <= xOf(m->end) + box / 2.0 + 1) return tr("Debug mode: %1").arg(m->text);
    }
    const Segment *begin = m_segments.data() + m_laneBegin[lane];
    const Segment *end = m_segments.data() + m_laneBegin[lane + 1];
    const Segment *it = std::upper_bound(begin, end, u, [](double v, const Segment &s) { return v < s.start; });
    if (it == begin) return m_names[lane];
    --it;
    return tr("%1: %2, %3 to %4")
        .arg(m_names[lane], StateStyle::label(trace::TaskStatus(it->status), aio::WaitKind(it->wait)),
             StateStyle::seconds(double(timeAt(it->start)) / 1e9),
             StateStyle::seconds(double(timeAt(segmentEnd(std::uint32_t(it - m_segments.data()), lane))) / 1e9));
}
