#include "TimelineView.h"

#include "StateStyle.h"

#include <trace/recorder.hpp>

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace {

constexpr int kHeader = 22;
constexpr int kLaneHeight = 16;
constexpr int kLaneStep = 20;
constexpr double kMaxZoom = 100000;

// Ticks at 1, 2 or 5 times a power of ten.
double niceStep(double raw)
{
    if (raw <= 0) return 1;
    const double p = std::pow(10.0, std::floor(std::log10(raw)));
    const double m = raw / p;
    return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

bool affectsTask(aio::EventKind kind)
{
    switch (kind) {
    case aio::EventKind::TaskCreated:
    case aio::EventKind::TaskScheduled:
    case aio::EventKind::StepBegin:
    case aio::EventKind::StepEnd:
    case aio::EventKind::Suspended:
    case aio::EventKind::Woken:
    case aio::EventKind::TaskFinished:
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
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void TimelineView::setTimeShare(double share)
{
    m_timeShare = std::clamp(share, 0.0, 1.0);
}

void TimelineView::setRecorder(const trace::Recorder *recorder, bool keepView)
{
    m_lanes.clear();
    m_names.clear();
    m_arrows.clear();
    m_slowMarks.clear();
    m_slowCallbacks = 0;
    m_times.clear();
    m_events = 0;
    m_startNs = 0;
    m_spanNs = 0;
    m_runSpanNs = 0;
    if (!keepView)
        m_scrollY = 0;
    if (recorder && !recorder->empty()) {
        const trace::Recorder &rec = *recorder;
        m_events = rec.size();
        m_startNs = rec.front().time_ns;
        m_runSpanNs = std::max<std::int64_t>(0, rec.back().time_ns - m_startNs);
        m_spanNs = std::max(m_runSpanNs, m_minSpanNs);

        QHash<std::uint32_t, int> laneOf;
        QVector<float> stepBegin;  // by lane: axis position of the task's last StepBegin (-1: none yet)
        trace::TraceState state;  // folded here only: the recorder outlives this call
        for (std::size_t i = 0; i < m_events; ++i) {
            const aio::TraceEvent &e = rec[i];
            state.apply(e);
            if (m_times.isEmpty() || m_times.back().time != e.time_ns)
                m_times.append({e.time_ns, std::uint32_t(i)});
            if (e.kind == aio::EventKind::SlowStep) {
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
                lane = int(m_lanes.size());
                laneOf.insert(task->id, lane);
                m_lanes.append(QVector<Segment>());
                m_names.append(StateStyle::taskName(state, task->id));
                stepBegin.append(-1.0f);
            } else if (e.kind == aio::EventKind::TaskCreated) {
                m_names[lane] = StateStyle::taskName(state, task->id);
            }
            const auto status = std::uint8_t(task->status);
            const auto wait = std::uint8_t(task->status == trace::TaskStatus::Waiting ? task->wait : aio::WaitKind::None);
            QVector<Segment> &segments = m_lanes[lane];
            const float u = float(axisOf(e.time_ns, i));
            if (e.kind == aio::EventKind::StepBegin) stepBegin[lane] = u;
            if (segments.isEmpty() || segments.back().status != status || segments.back().wait != wait) {
                if (!segments.isEmpty()) segments.back().end = u;
                segments.append({u, u, status, wait});
            }
            if (e.kind == aio::EventKind::Woken && e.other != 0) {
                const int from = laneOf.value(e.other, -1);
                if (from >= 0 && from != lane) m_arrows.append({u, from, lane});
            }
        }
        // To the last event (the right edge, unless the axis spans more than this run).
        const float last = m_events > 1 ? float(axisOf(rec.back().time_ns, m_events - 1)) : 1.0f;
        for (QVector<Segment> &segments : m_lanes)
            if (!segments.isEmpty()) segments.back().end = last;
    }
    clampView();
    update();
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

int TimelineView::maxScroll() const
{
    return std::max(0, int(m_lanes.size()) * kLaneStep - (height() - lanesTop()));
}

int TimelineView::firstVisibleLane() const
{
    return m_scrollY / kLaneStep;
}

void TimelineView::clampView()
{
    m_zoom = std::clamp(m_zoom, 1.0, kMaxZoom);
    m_offset = std::clamp(m_offset, 0.0, std::max(0.0, 1.0 - 1.0 / m_zoom));
    m_scrollY = std::clamp(m_scrollY, 0, maxScroll());
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
    lines << QStringLiteral("lanes: %1").arg(m_lanes.size());
    lines << QStringLiteral("events: %1").arg(qulonglong(m_events));
    lines << QStringLiteral("arrows: %1").arg(m_arrows.size());
    lines << QStringLiteral("cursor: %1 at %2").arg(qulonglong(m_position)).arg(StateStyle::seconds(double(m_cursorNs) / 1e9));
    lines << QStringLiteral("zoom: %1").arg(QString::number(m_zoom, 'f', 2));
    int slow = 0;
    for (const QVector<SlowMark> &marks : m_slowMarks) slow += int(marks.size());
    lines << QStringLiteral("slow steps: %1 marked, %2 callbacks").arg(slow).arg(m_slowCallbacks);
    for (int lane = 0; lane < m_lanes.size() && slow > 0; ++lane) {
        for (const SlowMark &m : m_slowMarks.value(lane))
            lines << QStringLiteral("slow %1: %2 to %3: %4")
                         .arg(m_names[lane], StateStyle::seconds(double(m.startNs) / 1e9),
                              StateStyle::seconds(double(m.endNs) / 1e9), m.text);
    }
    return lines.join(QLatin1Char('\n'));
}

void TimelineView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const StateStyle style(palette());
    p.fillRect(rect(), style.background());
    const double left = plotLeft();
    const double right = left + plotWidth();
    if (m_lanes.isEmpty()) {
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

    // Lanes.
    const int top = lanesTop();
    const int first = std::max(0, m_scrollY / kLaneStep);
    const int last = std::min(int(m_lanes.size()) - 1, (m_scrollY + height() - top) / kLaneStep);
    const auto laneY = [&](int lane) { return double(top + lane * kLaneStep - m_scrollY); };
    p.save();
    p.setClipRect(QRectF(0, top, width(), height() - top));
    for (int lane = first; lane <= last; ++lane) {
        const double y = laneY(lane);
        if (lane % 2) p.fillRect(QRectF(0, y - 2, width(), kLaneStep), style.panel());
        p.setPen(style.text());
        p.drawText(QRectF(4, y, left - 8, kLaneHeight), Qt::AlignVCenter | Qt::AlignLeft,
                   p.fontMetrics().elidedText(m_names[lane], Qt::ElideRight, int(left - 8)));
        const QVector<Segment> &segments = m_lanes[lane];
        auto it = std::lower_bound(segments.cbegin(), segments.cend(), uMin,
                                   [](const Segment &s, double u) { return s.end < u; });
        double drawnTo = left;
        p.save();
        p.setClipRect(QRectF(left, y, right - left, kLaneHeight));
        for (; it != segments.cend() && it->start <= uMax; ++it) {
            double x0 = std::max(xOf(it->start), left);
            double x1 = std::min(xOf(it->end), right);
            if (x1 <= drawnTo + 0.5 && x0 < drawnTo) continue;  // this pixel column is drawn already
            x0 = std::max(x0, drawnTo);
            x1 = std::max(x1, x0 + 1);
            const auto status = trace::TaskStatus(it->status);
            const bool finished = status == trace::TaskStatus::Done || status == trace::TaskStatus::Failed ||
                                  status == trace::TaskStatus::Cancelled || status == trace::TaskStatus::Created;
            const QRectF r = finished ? QRectF(x0, y + kLaneHeight * 0.35, x1 - x0, kLaneHeight * 0.3)
                                      : QRectF(x0, y, x1 - x0, kLaneHeight);
            StateStyle::paintStateBox(p, r, status, aio::WaitKind(it->wait));
            drawnTo = x1;
        }
        // Debug mode's slow steps: a bar under the step that held the loop, a warning sign at its end.
        const auto found = m_slowMarks.constFind(lane);
        if (found != m_slowMarks.cend()) {
            const QVector<SlowMark> &marks = *found;
            const double signU = kLaneHeight / (m_zoom * plotWidth());  // the sign reaches this far right of the end
            auto m = std::lower_bound(marks.cbegin(), marks.cend(), uMin - signU,
                                      [](const SlowMark &mark, double u) { return mark.end < u; });
            double lastSign = -1e9, markedTo = -1e9;
            for (; m != marks.cend() && m->start <= uMax; ++m) {
                const double x0 = std::max(xOf(m->start), left - 2);
                const double x1 = std::min(xOf(m->end), right + kLaneHeight);
                if (x1 < markedTo + 1) continue;  // this pixel column is marked already
                markedTo = x1;
                const QRectF bar(x0, y + kLaneHeight - 4, std::max(2.0, x1 - x0), 4);
                p.fillRect(bar, style.warning());
                p.setPen(QPen(style.warning(), 1));
                p.setBrush(Qt::NoBrush);
                p.drawRect(QRectF(x0, y, std::max(2.0, x1 - x0), kLaneHeight - 1));
                if (x1 - lastSign >= kLaneHeight * 0.75) {  // one sign per place, however many steps share it
                    style.paintWarningSign(p, QRectF(x1 - kLaneHeight / 2.0, y, kLaneHeight, kLaneHeight - 1));
                    lastSign = x1;
                }
            }
        }
        p.restore();
    }

    // Wake-up arrows, from the waker's lane to the woken task's.
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setClipRect(QRectF(left, top, right - left, height() - top));
    QColor arrowColor = style.text();
    arrowColor.setAlpha(170);
    p.setPen(QPen(arrowColor, 1));
    p.setBrush(arrowColor);
    auto a = std::lower_bound(m_arrows.cbegin(), m_arrows.cend(), uMin, [](const Arrow &x, double u) { return x.u < u; });
    int drawn = 0;
    double lastX = -1e9;
    for (; a != m_arrows.cend() && a->u <= uMax && drawn < 3000; ++a) {
        if ((a->from < first && a->to < first) || (a->from > last && a->to > last)) continue;
        const double x = xOf(a->u);
        if (std::abs(x - lastX) < 1 && drawn > 0) continue;
        lastX = x;
        ++drawn;
        const double y0 = laneY(a->from) + kLaneHeight / 2.0, y1 = laneY(a->to) + kLaneHeight / 2.0;
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
    if (maxScroll() > 0) {
        const double track = height() - top;
        const double total = double(m_lanes.size()) * kLaneStep;
        const double h = std::max(12.0, track * track / total);
        const double y = top + (track - h) * m_scrollY / maxScroll();
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

void TimelineView::wheelEvent(QWheelEvent *event)
{
    const QPoint delta = event->angleDelta();
    const double x = event->position().x();
    if (event->modifiers() & Qt::ControlModifier) {
        zoomAround(std::pow(1.25, delta.y() / 120.0), std::max(x, plotLeft()));
    } else if (delta.x() != 0 || (event->modifiers() & Qt::ShiftModifier) || maxScroll() == 0) {
        const int d = delta.x() != 0 ? delta.x() : delta.y();
        m_offset -= d / 120.0 * 0.1 / m_zoom;
        clampView();
        update();
    } else {
        m_scrollY -= delta.y() / 120 * kLaneStep * 3;
        clampView();
        update();
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
    m_dragScroll = m_scrollY;
    setCursor(Qt::ClosedHandCursor);
}

void TimelineView::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_dragging) return;
    const QPoint d = event->position().toPoint() - m_dragStart;
    if (d.manhattanLength() > 3) m_dragged = true;
    m_offset = m_dragOffset - d.x() / (m_zoom * plotWidth());
    m_scrollY = m_dragScroll - d.y();
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
        zoomIn();
        break;
    case Qt::Key_Minus:
        zoomOut();
        break;
    case Qt::Key_0:
        resetZoom();
        break;
    case Qt::Key_PageDown:
        m_scrollY += height() - lanesTop();
        clampView();
        update();
        break;
    case Qt::Key_PageUp:
        m_scrollY -= height() - lanesTop();
        clampView();
        update();
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
    clampView();
}

QString TimelineView::toolTipAt(const QPoint &pos) const
{
    if (m_lanes.isEmpty() || pos.x() < plotLeft() || pos.y() < lanesTop()) return {};
    const int lane = (pos.y() - lanesTop() + m_scrollY) / kLaneStep;
    if (lane < 0 || lane >= m_lanes.size()) return {};
    const double u = uOf(pos.x());
    // A slow-step mark (its bar or its sign) first: what debug mode reported.
    const auto found = m_slowMarks.constFind(lane);
    if (found != m_slowMarks.cend()) {
        const double from = uOf(pos.x() - kLaneHeight / 2.0 - 1);
        auto m = std::lower_bound(found->cbegin(), found->cend(), from, [](const SlowMark &mark, double v) { return mark.end < v; });
        for (; m != found->cend() && xOf(m->start) - 2 <= pos.x(); ++m)
            if (pos.x() <= xOf(m->end) + kLaneHeight / 2.0 + 1) return tr("Debug mode: %1").arg(m->text);
    }
    const QVector<Segment> &segments = m_lanes[lane];
    const auto it = std::lower_bound(segments.cbegin(), segments.cend(), u, [](const Segment &s, double v) { return s.end < v; });
    if (it == segments.cend() || it->start > u) return m_names[lane];
    return tr("%1: %2, %3 to %4")
        .arg(m_names[lane], StateStyle::label(trace::TaskStatus(it->status), aio::WaitKind(it->wait)),
             StateStyle::seconds(double(timeAt(it->start)) / 1e9), StateStyle::seconds(double(timeAt(it->end)) / 1e9));
}
