#include "PoolView.h"

#include "StateStyle.h"
#include "TokenAnimator.h"

#include <QPainter>

#include <algorithm>

namespace {

constexpr qreal kMargin = 8;
constexpr QSizeF kToken(80, 24);
constexpr QSizeF kConnection(64, 36);
constexpr qreal kGap = 6;

}  // namespace

PoolView::PoolView(QWidget *parent) : TraceView(parent), m_animator(new TokenAnimator(this))
{
    setObjectName(QStringLiteral("poolView"));
    setAccessibleName(tr("Connection pool"));
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void PoolView::setPoolQueue(const QString &name, int size)
{
    m_queueName = name;
    m_size = std::max(0, size);
    m_found = false;
    m_idle.clear();
    m_getters.clear();
    relayout(false);
}

void PoolView::setState(const trace::TraceState &state, const aio::TraceEvent *)
{
    TaskToken::KeyCounter keys;
    m_found = false;
    m_idle.clear();
    m_getters.clear();
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
    const int count = std::max(m_size, int(m_idle.size()));
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
    const int idle = int(m_idle.size());
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(style.text());
    const QString title = tr("Pool (%1): %2 idle, %3 in use or unopened")
                              .arg(m_size)
                              .arg(idle)
                              .arg(std::max(0, m_size - idle));
    p.drawText(m_title, Qt::AlignLeft | Qt::AlignVCenter, p.fontMetrics().elidedText(title, Qt::ElideRight, int(m_title.width())));

    const QColor idleFill = StateStyle::color(trace::TaskStatus::Running, aio::WaitKind::None);
    const QColor busyFill = StateStyle::color(trace::TaskStatus::Waiting, aio::WaitKind::QueueGet);
    QFont small = font();
    small.setPixelSize(11);
    p.setFont(small);
    for (int i = 0; i < m_boxes.size(); ++i) {
        const QRectF &r = m_boxes[i];
        const bool isIdle = i < idle;
        const QColor fill = isIdle ? idleFill : busyFill;
        p.setPen(QPen(fill.darker(160), 1));
        p.setBrush(fill);
        p.drawRoundedRect(r, 5, 5);
        if (!isIdle) {
            QColor ink = StateStyle::textOn(fill);
            ink.setAlpha(90);
            p.fillRect(r.adjusted(2, 2, -2, -2), QBrush(ink, Qt::BDiagPattern));
        }
        // A plug: two pins on top of the box.
        p.setPen(QPen(style.text(), 2));
        p.drawLine(QPointF(r.center().x() - 6, r.top() - 5), QPointF(r.center().x() - 6, r.top()));
        p.drawLine(QPointF(r.center().x() + 6, r.top() - 5), QPointF(r.center().x() + 6, r.top()));
        p.setPen(StateStyle::textOn(fill));
        p.drawText(r, Qt::AlignCenter, isIdle ? tr("idle") : tr("busy"));
    }
    if (m_hiddenBoxes > 0 && !m_boxes.isEmpty()) {
        p.setPen(style.text());
        p.drawText(QRectF(m_boxes.back().right() + 2, m_boxes.back().top(), 40, m_boxes.back().height()),
                   Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("+%1").arg(m_hiddenBoxes));
    }

    p.setFont(font());
    p.setPen(style.dimText());
    p.drawText(QRectF(m_line.left(), m_line.top() - 18, m_line.width(), 16), Qt::AlignLeft | Qt::AlignVCenter,
               m_getters.isEmpty() ? tr("nobody waits for a connection") : tr("waiting for a connection (first in line left):"));
    if (m_moreCount > 0 && !m_more.isNull()) {
        p.setPen(style.text());
        p.drawText(m_more, Qt::AlignCenter, QStringLiteral("+%1").arg(m_moreCount));
    }
    TaskToken::paintAll(p, style, m_getters, *m_animator);
}

QString PoolView::toolTipAt(const QPoint &pos) const
{
    return TaskToken::toolTipAt(m_getters, *m_animator, pos);
}
