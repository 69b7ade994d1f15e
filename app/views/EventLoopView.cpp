#include "views/EventLoopView.h"

#include "views/StateStyle.h"
#include "views/TokenAnimator.h"

#include <QEvent>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <map>
#include <utility>

namespace {

constexpr qreal kMargin = 8;
constexpr QSizeF kToken(86, 24);
constexpr QSizeF kSmallToken(70, 18);
constexpr qreal kGap = 6;

}  // namespace

EventLoopView::EventLoopView(QWidget *parent) : TraceView(parent), m_animator(new TokenAnimator(this))
{
    setObjectName(QStringLiteral("eventLoopView"));
    setAccessibleName(tr("Event loop"));
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void EventLoopView::setState(const trace::TraceState &state, const aio::TraceEvent *)
{
    using trace::TaskStatus;
    TaskToken::KeyCounter keys;
    m_time = state.time();
    m_iteration = state.iteration();
    m_ended = state.ended();
    const std::vector<trace::SlowStepEntry> &slow = state.slow_steps();
    m_held = !slow.empty() && slow.back().time_ns == state.time_ns();
    if (m_held) {
        m_heldSeconds = double(slow.back().duration_ns) / 1e9;
        m_heldBy = slow.back().task ? StateStyle::taskName(state, slow.back().task) : QString();
        m_heldReport = StateStyle::fromView(slow.back().text);
    }
    m_running.clear();
    if (state.running() != 0) m_running.append(TaskToken::from(state, state.running(), keys));
    const auto &ready = state.ready();
    m_readyCount = int(ready.size());
    m_readyQueue.clear();
    m_readyQueue.reserve(std::min(m_readyCount, listCap));
    for (std::size_t i = 0; i < ready.size() && i < std::size_t(listCap); ++i)
        m_readyQueue.append(TaskToken::from(state, ready[i], keys));

    // Timers in firing order; a sleeping owner stands beside its (first) timer. The
    // sleepers of timers past the cap stand with their timers too ("+N more").
    m_timers.clear();
    m_timerCount = int(state.pending_timer_count());
    std::vector<char> sleeperShown;  // by task id
    const auto markSleeper = [&](std::uint32_t id) {
        if (id >= sleeperShown.size()) sleeperShown.resize(std::size_t(id) + 1 + sleeperShown.size() / 2, 0);
        const bool first = !sleeperShown[id];
        sleeperShown[id] = 1;
        return first;
    };
    const auto shownAsSleeper = [&](std::uint32_t id) { return id < sleeperShown.size() && sleeperShown[id]; };
    const auto sleeps = [&](const trace::TaskInfo *owner) {
        return owner && owner->status == TaskStatus::Waiting && owner->wait == aio::WaitKind::Sleep;
    };
    for (const trace::TimerInfo &timer : state.pending_timers(std::size_t(listCap))) {
        Timer t;
        t.deadline = double(timer.deadline_ns) / 1e9;
        t.owner = StateStyle::taskName(state, timer.owner);
        const trace::TaskInfo *owner = state.task(timer.owner);
        if (sleeps(owner) && markSleeper(owner->id)) {
            t.hasToken = true;
            t.token = TaskToken::from(state, owner->id, keys);
        }
        m_timers.append(t);
    }
    if (m_timerCount > listCap) {
        for (const trace::TimerInfo &timer : state.timers())
            if (const trace::TaskInfo *owner = state.task(timer.owner); sleeps(owner)) markSleeper(owner->id);
    }

    // Waiting tasks grouped by (kind, object), groups in order of their first task.
    m_groups.clear();
    m_finished.clear();
    m_finishedCount = 0;
    std::map<std::pair<int, std::uint32_t>, int> groupOf;
    std::pair<int, std::uint32_t> lastKey{-1, 0};  // neighbours mostly wait alike: skip the map
    int lastGroup = -1;
    for (const trace::TaskInfo &task : state.tasks()) {
        if (task.finished()) {
            if (m_finishedCount++ < listCap) m_finished.append(TaskToken::from(state, task.id, keys));
            continue;
        }
        const bool waiting = task.status == TaskStatus::Waiting || task.status == TaskStatus::Created;
        if (!waiting || shownAsSleeper(task.id)) continue;
        const aio::WaitKind kind = task.status == TaskStatus::Created ? aio::WaitKind::None : task.wait;
        const auto groupKey = std::make_pair(int(kind), task.wait_object);
        if (groupKey != lastKey) {
            auto found = groupOf.find(groupKey);
            if (found == groupOf.end()) {
                Group g;
                g.kind = kind;
                g.created = task.status == TaskStatus::Created;
                g.target = StateStyle::waitTarget(state, kind, task.wait_object);
                found = groupOf.emplace(groupKey, int(m_groups.size())).first;
                m_groups.append(g);
            }
            lastKey = groupKey;
            lastGroup = found->second;
        }
        Group &group = m_groups[lastGroup];
        if (group.count++ < listCap) group.tokens.append(TaskToken::from(state, task.id, keys));
    }

    arrangeReady();
    relayout(animated());
}

void EventLoopView::setReadyOrderHidden(bool hidden)
{
    if (hidden == m_readyOrderHidden) return;
    m_readyOrderHidden = hidden;
    arrangeReady();
    relayout(false);
    update();
}

void EventLoopView::arrangeReady()
{
    m_ready = m_readyQueue;
    // Task ids grow in creation order.
    if (m_readyOrderHidden)
        std::stable_sort(m_ready.begin(), m_ready.end(), [](const TaskToken &a, const TaskToken &b) { return a.id < b.id; });
    m_all.clear();
    m_all += m_running;
    m_all += m_ready;
    for (const Timer &t : std::as_const(m_timers))
        if (t.hasToken) m_all.append(t.token);
    for (const Group &g : std::as_const(m_groups)) m_all += g.tokens;
    m_all += m_finished;
}

QString EventLoopView::describe() const
{
    QStringList lines;
    lines << QStringLiteral("time: %1").arg(StateStyle::seconds(m_time));
    lines << QStringLiteral("iteration: %1").arg(m_iteration);
    lines << QStringLiteral("running: %1").arg(TaskToken::names(m_running));
    const auto more = [](int all, qsizetype kept) {
        return all > kept ? QStringLiteral(" (+%1 more)").arg(all - kept) : QString();
    };
    lines << QStringLiteral("ready: %1%2").arg(TaskToken::names(m_ready), more(m_readyCount, m_ready.size()));
    if (m_readyOrderHidden) lines << QStringLiteral("ready order: hidden");
    lines << QStringLiteral("timers: %1").arg(m_timerCount);
    for (const Timer &t : m_timers) lines << QStringLiteral("timer %1: %2").arg(StateStyle::seconds(t.deadline), t.owner);
    if (m_timerCount > m_timers.size()) lines << QStringLiteral("timers not listed: %1").arg(m_timerCount - m_timers.size());
    for (const Group &g : m_groups)
        lines << QStringLiteral("waiting %1: %2")
                     .arg(g.created ? QStringLiteral("created") : StateStyle::waitKey(g.kind, g.target),
                          TaskToken::names(g.tokens) + more(g.count, g.tokens.size()));
    lines << QStringLiteral("finished: %1%2").arg(TaskToken::names(m_finished), more(m_finishedCount, m_finished.size()));
    if (m_held)
        lines << QStringLiteral("held: %1 by %2")
                     .arg(StateStyle::seconds(m_heldSeconds), m_heldBy.isEmpty() ? QStringLiteral("a callback") : m_heldBy);
    if (m_ended) lines << QStringLiteral("ended");
    return lines.join(QLatin1Char('\n'));
}

void EventLoopView::relayout(bool animate)
{
    m_labels.clear();
    QHash<quint64, QRectF> targets;
    const qreal w = width();
    const qreal h = height();
    QFont captionFont = font();
    const QFontMetricsF fm(captionFont);
    const qreal captionW =
        std::max({fm.horizontalAdvance(tr("running")), fm.horizontalAdvance(tr("timers")),
                  fm.horizontalAdvance(tr("waiting")), fm.horizontalAdvance(tr("finished"))}) + 12;
    const qreal x0 = kMargin + captionW;
    const qreal right = w - kMargin;

    // Clock.
    const QString clock = QStringLiteral("t = %1").arg(StateStyle::seconds(m_time));
    m_labels.append({QRectF(kMargin, kMargin - 2, w * 0.6, 30), clock, 2, Qt::AlignLeft | Qt::AlignVCenter});
    m_labels.append({QRectF(w * 0.5, kMargin, w * 0.5 - kMargin, m_held ? 16 : 24),
                     m_ended ? tr("loop stopped") : tr("iteration %1").arg(m_iteration), 1, Qt::AlignRight | Qt::AlignVCenter});
    m_heldRect = QRectF();
    if (m_held) {
        // Debug mode's report, while the clock still stands where the slow step ended.
        const QString held = m_heldBy.isEmpty() ? tr("loop held for %1 by a callback").arg(StateStyle::seconds(m_heldSeconds))
                                                : tr("loop held for %1 by %2").arg(StateStyle::seconds(m_heldSeconds), m_heldBy);
        // Right of the clock (painted at 22 px, bold), a warning sign before the text.
        QFont clockFont = font();
        clockFont.setPixelSize(22);
        clockFont.setBold(true);
        const qreal clockRight = kMargin + QFontMetricsF(clockFont).horizontalAdvance(clock) + 12;
        const qreal heldW = std::max<qreal>(0, right - clockRight - 18);
        m_labels.append({QRectF(right - heldW, kMargin + 16, heldW, 16), held, 4, Qt::AlignRight | Qt::AlignVCenter});
        const qreal textW = std::min(fm.horizontalAdvance(held), heldW);
        m_heldRect = QRectF(right - textW - 18, kMargin + 16, textW + 18, 16);
    }
    qreal y = kMargin + 34;

    // Running slot, and the ready queue whose head is next.
    m_labels.append({QRectF(kMargin, y + 16, captionW, 28), tr("running"), 0, Qt::AlignLeft | Qt::AlignVCenter});
    m_slot = QRectF(x0, y + 12, std::min<qreal>(150, std::max<qreal>(100, w * 0.22)), 36);
    if (!m_running.isEmpty()) targets.insert(m_running.front().key, m_slot.adjusted(4, 4, -4, -4));
    else m_labels.append({m_slot, tr("idle"), 1, Qt::AlignCenter});
    const qreal readyX = m_slot.right() + 26;
    m_labels.append({QRectF(readyX, y, right - readyX, 14),
                     m_readyOrderHidden ? tr("ready (creation order, queue order hidden)")
                     : m_readyCount > 20 ? tr("ready queue (next first): %n task(s)", nullptr, m_readyCount)
                                          : tr("ready queue (next first)"), 1,
                     Qt::AlignLeft | Qt::AlignVCenter});
    const QRectF readyArea(readyX, y + 18, std::max<qreal>(0, right - readyX), kToken.height());
    QRectF more;
    // Narrow: smaller tokens, so that at least the next one shows beside "+N".
    QSizeF readyToken = kToken;
    if (m_ready.size() * (kToken.width() + kGap) > readyArea.width() + kGap)
        readyToken.setWidth(std::clamp<qreal>(readyArea.width() - 40, 58, kToken.width()));
    const int placedReady = TaskToken::flow(m_ready, readyArea, readyToken, kGap, targets, &more);
    if (!more.isNull()) m_labels.append({more, StateStyle::moreText(m_readyCount - placedReady), 3, Qt::AlignCenter});
    if (m_ready.isEmpty()) m_labels.append({readyArea, tr("empty"), 1, Qt::AlignLeft | Qt::AlignVCenter});
    m_arrowFrom = QRectF(readyX - 4, readyArea.center().y(), 0, 0);
    m_arrowTo = QRectF(m_slot.right() + 4, readyArea.center().y(), 0, 0);
    y += 58;

    // Timers: "1.500 s" and the sleeper's token, in firing order, wrapping.
    m_labels.append({QRectF(kMargin, y, captionW, kToken.height()), tr("timers"), 0, Qt::AlignLeft | Qt::AlignVCenter});
    const qreal timeW = fm.horizontalAdvance(QStringLiteral("00.000 s")) + 6;
    const qreal chipW = timeW + kToken.width() + 10;
    const int perRow = std::max(1, int((right - x0 + kGap) / (chipW + kGap)));
    const int timerRows = std::min(2, std::max(1, int((m_timerCount + perRow - 1) / perRow)));
    const int fit = perRow * timerRows;
    const int shown = m_timerCount > fit ? std::min(fit - 1, int(m_timers.size())) : int(m_timers.size());
    for (int i = 0; i < shown; ++i) {
        const Timer &t = m_timers[i];
        const QRectF chip(x0 + (i % perRow) * (chipW + kGap), y + (i / perRow) * (kToken.height() + kGap), chipW,
                          kToken.height());
        m_labels.append({QRectF(chip.left(), chip.top(), timeW, chip.height()), StateStyle::seconds(t.deadline), 3,
                         Qt::AlignRight | Qt::AlignVCenter});
        const QRectF tokenRect(chip.left() + timeW + 6, chip.top(), kToken.width(), kToken.height());
        if (t.hasToken) targets.insert(t.token.key, tokenRect);
        else m_labels.append({tokenRect, t.owner, 1, Qt::AlignLeft | Qt::AlignVCenter});
    }
    if (shown < m_timerCount) {
        const QRectF chip(x0 + (shown % perRow) * (chipW + kGap), y + (shown / perRow) * (kToken.height() + kGap), chipW,
                          kToken.height());
        m_labels.append({chip, tr("+%1 more").arg(QLocale().toString(m_timerCount - shown)), 3, Qt::AlignCenter});
    }
    if (m_timers.isEmpty()) m_labels.append({QRectF(x0, y, right - x0, kToken.height()), tr("none"), 1, Qt::AlignLeft | Qt::AlignVCenter});
    y += timerRows * (kToken.height() + kGap) + 6;

    // Waiting groups, one line each, as many as fit above the finished row.
    const qreal finishedH = kSmallToken.height() + 8;
    m_labels.append({QRectF(kMargin, y, captionW, kToken.height()), tr("waiting"), 0, Qt::AlignLeft | Qt::AlignVCenter});
    const qreal groupTitleW = std::min<qreal>(170, (right - x0) * 0.35);
    const qreal waitBottom = h - kMargin - finishedH;
    int g = 0;
    for (; g < m_groups.size(); ++g) {
        const bool last = g == m_groups.size() - 1;
        if (y + kToken.height() > waitBottom || (!last && y + 2 * kToken.height() + kGap > waitBottom && g > 0)) break;
        const Group &group = m_groups[g];
        QString title = group.created ? tr("not started") : StateStyle::waitPhrase(group.kind, group.target);
        if (group.count > 20) title = tr("%1 (%n task(s))", nullptr, group.count).arg(title);
        m_labels.append({QRectF(x0, y, groupTitleW - 6, kToken.height()), title, 3, Qt::AlignLeft | Qt::AlignVCenter});
        QRectF groupMore;
        const int placed = TaskToken::flow(group.tokens, QRectF(x0 + groupTitleW, y, right - x0 - groupTitleW, kToken.height()),
                                           kToken, kGap, targets, &groupMore);
        if (!groupMore.isNull())
            m_labels.append({groupMore, StateStyle::moreText(group.count - placed), 3, Qt::AlignCenter});
        y += kToken.height() + kGap;
    }
    if (g < m_groups.size() && y + kToken.height() <= waitBottom + kToken.height()) {
        m_labels.append({QRectF(x0, y - 2, right - x0, 16), tr("+%n more group(s)", nullptr, int(m_groups.size() - g)), 1,
                         Qt::AlignLeft | Qt::AlignVCenter});
        y += 16;
    }
    if (m_groups.isEmpty()) {
        m_labels.append({QRectF(x0, y, right - x0, kToken.height()), tr("nobody"), 1, Qt::AlignLeft | Qt::AlignVCenter});
        y += kToken.height() - 4;
    }

    // Finished tasks, small, in one row at the bottom.
    const qreal fy = std::max(y + 2, h - kMargin - kSmallToken.height());
    m_labels.append({QRectF(kMargin, fy, captionW, kSmallToken.height()), tr("finished"), 0, Qt::AlignLeft | Qt::AlignVCenter});
    QRectF finishedMore;
    const int placedFinished = TaskToken::flow(m_finished, QRectF(x0, fy, right - x0, kSmallToken.height()), kSmallToken,
                                               4, targets, &finishedMore);
    if (!finishedMore.isNull())
        m_labels.append({finishedMore, StateStyle::moreText(m_finishedCount - placedFinished), 3, Qt::AlignCenter});
    if (m_finished.isEmpty())
        m_labels.append({QRectF(x0, fy, right - x0, kSmallToken.height()), tr("none yet"), 1, Qt::AlignLeft | Qt::AlignVCenter});

    m_animator->setTargets(targets, animate);
}

void EventLoopView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const StateStyle style(palette());
    p.fillRect(rect(), style.background());
    p.setRenderHint(QPainter::Antialiasing, true);

    // The running slot (a stage), and the arrow from the ready queue into it.
    p.setPen(QPen(style.lines(), 1.5, m_running.isEmpty() ? Qt::DashLine : Qt::SolidLine));
    p.setBrush(style.panel());
    p.drawRoundedRect(m_slot, 8, 8);
    if (!m_ready.isEmpty() && !m_readyOrderHidden) {
        const QPointF from = m_arrowFrom.topLeft(), to = m_arrowTo.topLeft();
        p.setPen(QPen(style.text(), 1.5));
        p.drawLine(from, to);
        p.setBrush(style.text());
        QPainterPath head;
        head.moveTo(to);
        head.lineTo(to + QPointF(7, -4));
        head.lineTo(to + QPointF(7, 4));
        head.closeSubpath();
        p.drawPath(head);
    }

    for (const Label &l : std::as_const(m_labels)) {
        QFont f = font();
        switch (l.role) {
        case 0:
            f.setBold(true);
            p.setPen(style.text());
            break;
        case 1:
            f.setItalic(true);
            p.setPen(style.dimText());
            break;
        case 4:
            p.setPen(style.warning());
            break;
        case 2:
            f.setPixelSize(22);
            f.setBold(true);
            p.setPen(style.text());
            break;
        default:
            p.setPen(style.text());
            break;
        }
        p.setFont(f);
        p.drawText(l.rect, l.align, QFontMetrics(f).elidedText(l.text, Qt::ElideRight, int(l.rect.width())));
    }
    p.setFont(font());
    if (!m_heldRect.isNull()) style.paintWarningSign(p, QRectF(m_heldRect.left(), m_heldRect.top(), 15, 15));
    TaskToken::paintAll(p, style, m_all, *m_animator);
}

QString EventLoopView::toolTipAt(const QPoint &pos) const
{
    if (m_heldRect.contains(pos)) return tr("Debug mode: %1").arg(m_heldReport);
    return TaskToken::toolTipAt(m_all, *m_animator, pos);
}
