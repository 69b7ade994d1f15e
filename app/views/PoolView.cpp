#include "views/PoolView.h"

#include "views/StateStyle.h"
#include "views/TokenAnimator.h"

#include <QPainter>

#include <algorithm>

namespace {

constexpr qreal kMargin = 8;
constexpr QSizeF kToken(80, 24);
constexpr QSizeF kConnection(64, 36);
constexpr qreal kGap = 6;

// The request a connection slot is held for. aio::wait_for runs the awaited get() in a task
// of its own, unnamed ("Task-7"), as asyncio 3.11's wait_for does: name the request that
// created it ("req-3") instead.
QString requestName(const trace::TraceState &state, std::uint32_t id)
{
    const trace::TaskInfo *task = state.task(id);
    for (int hops = 0; task && task->parent && task->name.starts_with("Task-") && hops < 4; ++hops) {
        const trace::TaskInfo *parent = state.task(task->parent);
        if (!parent) break;
        task = parent;
    }
    return task ? StateStyle::fromView(task->name) : QStringLiteral("#%1").arg(id);
}

}  // namespace

PoolView::PoolView(QWidget *parent) : TraceView(parent), m_animator(new TokenAnimator(this))
{
    setObjectName(QStringLiteral("poolView"));
    setAccessibleName(tr("Connection pool"));
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void PoolView::setPoolQueue(const QString &name, int size)
{
    m_semaphoreName.clear();
    m_queueName = name;
    m_size = std::max(0, size);
    m_found = false;
    m_idle.clear();
    m_getters.clear();
    relayout(false);
}

void PoolView::setConnectionSemaphore(const QString &name)
{
    m_queueName.clear();
    m_size = 0;
    m_semaphoreName = name;
    m_found = false;
    m_idle.clear();
    m_getters.clear();
    m_busy.clear();
    relayout(false);
}

void PoolView::setState(const trace::TraceState &state, const aio::TraceEvent *)
{
    TaskToken::KeyCounter keys;
    m_found = false;
    m_idle.clear();
    m_getters.clear();
    m_busy.clear();
    m_open = m_opened = 0;
    if (sessions()) {
        for (const trace::ObjectInfo &o : state.objects()) {
            if (!o.is_semaphore() || StateStyle::fromView(o.name) != m_semaphoreName) continue;
            m_found = true;
            m_open += std::max<qint64>(0, o.count);
            m_opened += o.count_rises;
            for (std::uint32_t holder : o.holders) {
                TaskToken token = TaskToken::from(state, holder, keys);
                token.name = requestName(state, holder);
                m_busy.append(token);
            }
            m_getters += TaskToken::list(state, o.waiters, keys);
        }
        relayout(animated());
        return;
    }
    if (!m_queueName.isEmpty()) {
        for (const trace::ObjectInfo &o : state.objects()) {
            if (!o.is_queue() || StateStyle::fromView(o.name) != m_queueName) continue;
            m_found = true;
            for (std::string_view item : o.items) m_idle.append(StateStyle::fromView(item));
            m_getters = TaskToken::list(state, o.getters, keys);
            break;
        }
    }
    relayout(animated());
}

QString PoolView::describe() const
{
    if (!m_found) return QStringLiteral("no pool");
    if (sessions()) {
        return QStringLiteral("connections: open %1 | opened %2 | busy: %3 | connecting %4 | waiting: %5")
            .arg(m_open)
            .arg(m_opened)
            .arg(TaskToken::names(m_busy))
            .arg(std::max<qint64>(0, m_busy.size() - m_open))
            .arg(TaskToken::names(m_getters));
    }
    const int idle = int(m_idle.size());
    return QStringLiteral("pool %1: size %2 | idle %3 | not idle %4 | waiting: %5")
        .arg(m_queueName)
        .arg(m_size)
        .arg(idle)
        .arg(std::max(0, m_size - idle))
        .arg(TaskToken::names(m_getters));
}

void PoolView::relayout(bool animate)
{
    QHash<quint64, QRectF> targets;
    m_boxes.clear();
    const qreal right = width() - kMargin;
    m_title = QRectF(kMargin, kMargin, right - kMargin, 18);
    const int count = sessions() ? int(std::max<qint64>(m_open, m_busy.size())) : std::max(m_size, int(m_idle.size()));
    const int fit = std::max(1, int((right - kMargin + kGap) / (kConnection.width() + kGap)));
    const int shown = std::min(count, fit);
    m_hiddenBoxes = count - shown;
    for (int i = 0; i < shown; ++i)
        m_boxes.append(QRectF(kMargin + i * (kConnection.width() + kGap), kMargin + 24, kConnection.width(),
                              kConnection.height()));
    const qreal lineY = kMargin + 24 + kConnection.height() + 22;
    m_line = QRectF(kMargin, lineY, right - kMargin, kToken.height());
    m_moreCount = m_getters.size() - TaskToken::flow(m_getters, m_line, kToken, kGap, targets, &m_more);
    m_animator->setTargets(targets, animate);
}

void PoolView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const StateStyle style(palette());
    p.fillRect(rect(), style.background());
    p.setRenderHint(QPainter::Antialiasing, true);
    if (!m_found) {
        p.setPen(style.dimText());
        p.drawText(rect(), Qt::AlignCenter, tr("No connection pool in this run"));
        return;
    }
    const QColor idleFill = StateStyle::color(trace::TaskStatus::Running, aio::WaitKind::None);
    QString title;
    QString waitingLine;
    QVector<BoxLook> looks;
    if (sessions()) {
        const qint64 busy = m_busy.size();
        const qint64 connecting = std::max<qint64>(0, busy - m_open);
        // Busy and idle are there to count in the boxes; the title says what they cannot show.
        title = tr("%1 connections open, %2 opened in all").arg(m_open).arg(m_opened);
        if (connecting > 0) title += tr(", %1 connecting").arg(connecting);
        const QColor busyFill = StateStyle::color(trace::TaskStatus::Waiting, aio::WaitKind::IO);
        for (int i = 0; i < m_boxes.size(); ++i) {
            // The requests past the connections open wait for theirs to be set up.
            if (i >= busy) looks.append({idleFill, false, false, tr("idle")});
            else if (i >= m_open) looks.append({busyFill, false, true, m_busy[i].name + QLatin1Char('\n') + tr("connecting")});
            else looks.append({busyFill, false, false, m_busy[i].name});
        }
        waitingLine = m_getters.isEmpty() ? tr("no request waits for a connection")
                                          : tr("waiting for a connection (first in line left):");
    } else {
        const int idle = int(m_idle.size());
        title = tr("Pool (%1): %2 idle, %3 in use or unopened").arg(m_size).arg(idle).arg(std::max(0, m_size - idle));
        const QColor busyFill = StateStyle::color(trace::TaskStatus::Waiting, aio::WaitKind::QueueGet);
        for (int i = 0; i < m_boxes.size(); ++i)
            looks.append(i < idle ? BoxLook{idleFill, false, false, tr("idle")} : BoxLook{busyFill, true, false, tr("busy")});
        waitingLine = m_getters.isEmpty() ? tr("nobody waits for a connection")
                                          : tr("waiting for a connection (first in line left):");
    }
    paintPool(p, style, title, looks, waitingLine);
}

void PoolView::paintPool(QPainter &p, const StateStyle &style, const QString &title, const QVector<BoxLook> &looks,
                         const QString &waitingLine)
{
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(style.text());
    p.drawText(m_title, Qt::AlignLeft | Qt::AlignVCenter, p.fontMetrics().elidedText(title, Qt::ElideRight, int(m_title.width())));

    QFont small = font();
    small.setPixelSize(11);
    p.setFont(small);
    for (int i = 0; i < m_boxes.size() && i < looks.size(); ++i) {
        const QRectF &r = m_boxes[i];
        const BoxLook &look = looks[i];
        // Dashed and empty: a connection being set up, not there yet.
        p.setPen(QPen(look.fill.darker(160), 1, look.dashed ? Qt::DashLine : Qt::SolidLine));
        p.setBrush(look.dashed ? style.background() : QBrush(look.fill));
        p.drawRoundedRect(r, 5, 5);
        if (look.hatched) {
            QColor ink = StateStyle::textOn(look.fill);
            ink.setAlpha(90);
            p.fillRect(r.adjusted(2, 2, -2, -2), QBrush(ink, Qt::BDiagPattern));
        }
        // A plug: two pins on top of the box.
        p.setPen(QPen(style.text(), 2));
        p.drawLine(QPointF(r.center().x() - 6, r.top() - 5), QPointF(r.center().x() - 6, r.top()));
        p.drawLine(QPointF(r.center().x() + 6, r.top() - 5), QPointF(r.center().x() + 6, r.top()));
        p.setPen(look.dashed ? style.text() : StateStyle::textOn(look.fill));
        p.drawText(r.adjusted(2, 0, -2, 0), Qt::AlignCenter, look.label);
    }
    if (m_hiddenBoxes > 0 && !m_boxes.isEmpty()) {
        p.setPen(style.text());
        p.drawText(QRectF(m_boxes.back().right() + 2, m_boxes.back().top(), 40, m_boxes.back().height()),
                   Qt::AlignLeft | Qt::AlignVCenter, StateStyle::moreText(m_hiddenBoxes));
    }

    p.setFont(font());
    p.setPen(style.dimText());
    p.drawText(QRectF(m_line.left(), m_line.top() - 18, m_line.width(), 16), Qt::AlignLeft | Qt::AlignVCenter, waitingLine);
    if (m_moreCount > 0 && !m_more.isNull()) {
        p.setPen(style.text());
        p.drawText(m_more, Qt::AlignCenter, StateStyle::moreText(m_moreCount));
    }
    TaskToken::paintAll(p, style, m_getters, *m_animator);
}

QString PoolView::toolTipAt(const QPoint &pos) const
{
    return TaskToken::toolTipAt(m_getters, *m_animator, pos);
}
