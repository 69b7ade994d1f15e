#include "views/QueueView.h"

#include "views/StateStyle.h"
#include "views/TokenAnimator.h"

#include <QEvent>
#include <QPainter>
#include <QPainterPath>
#include <QRegularExpression>

#include <algorithm>

namespace {

constexpr qreal kMargin = 8;
constexpr QSizeF kToken(80, 24);
constexpr qreal kGap = 5;
constexpr qreal kTitle = 18;
constexpr qreal kRow = 30;

QString kindName(aio::ObjectKind kind)
{
    switch (kind) {
    case aio::ObjectKind::LifoQueue: return QStringLiteral("LifoQueue");
    case aio::ObjectKind::PriorityQueue: return QStringLiteral("PriorityQueue");
    default: return QStringLiteral("Queue");
    }
}

// An item printed as a pointer ("0x5605a1c03a40") says nothing but which object
// it is: its last hex digits tell the objects apart.
QString shownItem(const QString &text)
{
    static const QRegularExpression pointer(QStringLiteral("^0x[0-9a-fA-F]{6,}$"));
    if (pointer.match(text).hasMatch()) return QStringLiteral("…") + text.right(4);
    return text;
}

}  // namespace

QueueView::QueueView(QWidget *parent) : TraceView(parent), m_animator(new TokenAnimator(this))
{
    setObjectName(QStringLiteral("queueView"));
    setAccessibleName(tr("Queues"));
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void QueueView::setState(const trace::TraceState &state, const aio::TraceEvent *)
{
    TaskToken::KeyCounter keys;
    m_queues.clear();
    for (const trace::ObjectInfo &o : state.objects()) {
        if (!o.is_queue()) continue;
        Queue q;
        q.name = o.name.empty() ? QStringLiteral("#%1").arg(o.id) : StateStyle::fromView(o.name);
        if (m_ignored.contains(q.name)) continue;
        q.kind = o.kind;
        q.capacity = o.capacity;
        for (std::string_view item : o.items) q.items.append(StateStyle::fromView(item));
        q.putters = TaskToken::list(state, o.putters, keys);
        q.getters = TaskToken::list(state, o.getters, keys);
        q.joiners = TaskToken::list(state, o.joiners, keys);
        q.unfinished = o.unfinished;
        m_queues.append(q);
    }
    m_all.clear();
    for (const Queue &q : std::as_const(m_queues)) m_all += q.putters + q.getters + q.joiners;
    relayout(animated());
}

QString QueueView::describe() const
{
    QStringList lines;
    for (const Queue &q : m_queues) {
        const QString size = q.capacity > 0 ? QString::number(q.capacity) : QStringLiteral("∞");
        lines << QStringLiteral("queue %1 [%2/%3]: %4 | putters: %5 | getters: %6 | joiners: %7 | unfinished: %8")
                     .arg(q.name)
                     .arg(q.items.size())
                     .arg(size, q.items.isEmpty() ? QStringLiteral("-") : q.items.join(QStringLiteral(", ")),
                          TaskToken::names(q.putters), TaskToken::names(q.getters), TaskToken::names(q.joiners))
                     .arg(q.unfinished);
    }
    if (lines.isEmpty()) lines << QStringLiteral("no queues");
    return lines.join(QLatin1Char('\n'));
}

void QueueView::relayout(bool animate)
{
    m_boxes.clear();
    QHash<quint64, QRectF> targets;
    const qreal w = width();
    const qreal right = w - kMargin;
    const qreal sideW = std::clamp<qreal>(w * 0.27, kToken.width() + 4, 3 * kToken.width() + 2 * kGap);
    qreal y = kMargin;
    for (int index = 0; index < m_queues.size(); ++index) {
        const Queue &q = m_queues[index];
        if (index > 0 && y + kTitle + kRow + 10 > height()) {
            m_boxes.append({QRectF(kMargin, y - 4, right - kMargin, 14), tr("+%n more queue(s)", nullptr, int(m_queues.size()) - index), 3});
            break;
        }
        // Title: name, kind, fill and task_done progress.
        const QString fill = q.capacity > 0 ? tr("%1 of %2 slots full").arg(q.items.size()).arg(q.capacity)
                                            : tr("%n item(s), unbounded", nullptr, int(q.items.size()));
        QString title = tr("%1 (%2): %3").arg(q.name, kindName(q.kind), fill);
        title += QStringLiteral("   ") + tr("unfinished %1").arg(q.unfinished);
        m_boxes.append({QRectF(kMargin, y, right - kMargin, kTitle), title, 2});
        y += kTitle + 2;

        // Putters, slots, getters.
        const qreal slotsLeft = kMargin + sideW + 14;
        const qreal slotsRight = right - sideW - 14;
        const qreal rowY = y;
        m_boxes.append({QRectF(kMargin, rowY - 1, sideW, 11), tr("put waits"), 3});
        m_boxes.append({QRectF(slotsRight + 14, rowY - 1, sideW, 11), tr("get waits"), 3});
        const qreal tokenY = rowY + 10;

        // Putters: the first in line stands next to the slots (rightmost).
        {
            const int fit = std::max(1, int((sideW + kGap) / (kToken.width() + kGap)));
            const int shown = q.putters.size() > fit ? fit - 1 : int(q.putters.size());
            for (int i = 0; i < shown; ++i)
                targets.insert(q.putters[i].key, QRectF(slotsLeft - 14 - (i + 1) * kToken.width() - i * kGap, tokenY,
                                                        kToken.width(), kToken.height()));
            if (shown < q.putters.size())
                m_boxes.append({QRectF(slotsLeft - 14 - (shown + 1) * kToken.width() - shown * kGap, tokenY, kToken.width(),
                                       kToken.height()),
                                StateStyle::moreText(q.putters.size() - shown), 5});
        }
        // Getters: the first in line next to the slots (leftmost).
        {
            const int fit = std::max(1, int((sideW + kGap) / (kToken.width() + kGap)));
            const int shown = q.getters.size() > fit ? fit - 1 : int(q.getters.size());
            for (int i = 0; i < shown; ++i)
                targets.insert(q.getters[i].key, QRectF(slotsRight + 14 + i * (kToken.width() + kGap), tokenY,
                                                        kToken.width(), kToken.height()));
            if (shown < q.getters.size())
                m_boxes.append({QRectF(slotsRight + 14 + shown * (kToken.width() + kGap), tokenY, kToken.width(),
                                       kToken.height()),
                                StateStyle::moreText(q.getters.size() - shown), 5});
        }

        // Slots: the next item out sits next to the getters.
        const int items = int(q.items.size());
        const bool unbounded = q.capacity <= 0;
        const int slotCount = unbounded ? items + 1 : int(std::max<qint64>(q.capacity, items));
        const qreal area = std::max<qreal>(40, slotsRight - slotsLeft - (unbounded ? 22 : 0));
        const qreal slotW = std::clamp<qreal>((area + 3) / std::max(1, slotCount) - 3, 30, 64);
        int shownSlots = std::min(slotCount, std::max(1, int((area + 3) / (slotW + 3))));
        const bool cut = shownSlots < slotCount;
        if (cut) --shownSlots;
        const qreal slotH = kToken.height() + 4;
        const qreal slotY = tokenY - 2;
        // The slots sit in the middle between putters and getters.
        const qreal groupW = shownSlots * (slotW + 3) + (cut ? 37 : 0) + (unbounded ? 22 : 0);
        const qreal groupRight = slotsRight - std::max<qreal>(0, (slotsRight - slotsLeft - groupW) / 2);
        for (int s = 0; s < shownSlots; ++s) {
            const QRectF r(groupRight - (s + 1) * slotW - s * 3, slotY, slotW, slotH);
            // Slot s from the right holds the s-th item to leave.
            const int item = q.kind == aio::ObjectKind::LifoQueue ? items - 1 - s : s;
            if (s < items) m_boxes.append({r, q.items[item], 1});
            else m_boxes.append({r, QString(), 0});
        }
        qreal leftEnd = groupRight - shownSlots * (slotW + 3);
        if (groupW + 2 * 40 <= slotsRight - slotsLeft) {  // "in" and "out" arrows where there is room
            m_boxes.append({QRectF(leftEnd - (cut ? 37 : 0) - (unbounded ? 22 : 0) - 40, slotY, 36, slotH), tr("in"), 6});
            m_boxes.append({QRectF(groupRight + 4, slotY, 36, slotH), tr("out"), 7});
        }
        if (cut) {
            const QRectF r(leftEnd - 34, slotY, 34, slotH);
            m_boxes.append({r, StateStyle::moreText(std::max(0, items - shownSlots)), 5});
            leftEnd -= 37;
        }
        if (unbounded) m_boxes.append({QRectF(leftEnd - 22, slotY, 20, slotH), QStringLiteral("∞"), 4});
        y = tokenY + kToken.height() + 6;

        // join(): who waits for the unfinished items.
        if (!q.joiners.isEmpty()) {
            const QString caption = tr("join() waits for %n unfinished item(s):", nullptr, int(q.unfinished));
            const qreal capW = std::min<qreal>(fontMetrics().horizontalAdvance(caption) + 8, (right - kMargin) / 2);
            m_boxes.append({QRectF(kMargin, y, capW, kToken.height()), caption, 3});
            QRectF more;
            const int placed = TaskToken::flow(q.joiners, QRectF(kMargin + capW, y, right - kMargin - capW, kToken.height()),
                                               kToken, kGap, targets, &more);
            if (!more.isNull()) m_boxes.append({more, StateStyle::moreText(q.joiners.size() - placed), 5});
            y += kToken.height() + 4;
        }
        y += 8;
    }
    m_animator->setTargets(targets, animate);
}

void QueueView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const StateStyle style(palette());
    p.fillRect(rect(), style.background());
    p.setRenderHint(QPainter::Antialiasing, true);
    if (m_queues.isEmpty()) {
        p.setPen(style.dimText());
        p.drawText(rect(), Qt::AlignCenter, tr("No queue in this run"));
        return;
    }
    const QColor itemFill = StateStyle::color(trace::TaskStatus::Waiting, aio::WaitKind::QueueGet).lighter(135);
    for (const Box &b : std::as_const(m_boxes)) {
        QFont f = font();
        switch (b.role) {
        case 0:
            p.setPen(QPen(style.lines(), 1, Qt::DashLine));
            p.setBrush(style.panel());
            p.drawRoundedRect(b.rect, 3, 3);
            break;
        case 1: {
            p.setPen(QPen(itemFill.darker(160), 1));
            p.setBrush(itemFill);
            p.drawRoundedRect(b.rect, 3, 3);
            f.setPixelSize(11);
            p.setFont(f);
            p.setPen(StateStyle::textOn(itemFill));
            p.drawText(b.rect.adjusted(2, 0, -2, 0), Qt::AlignCenter,
                       p.fontMetrics().elidedText(shownItem(b.text), Qt::ElideRight, int(b.rect.width() - 4)));
            break;
        }
        case 2:
            style.paintHeading(p, b.rect, b.text, f);
            break;
        case 3:
            style.paintCaption(p, b.rect, b.text, f);
            break;
        case 4:
            f.setPixelSize(18);
            p.setFont(f);
            p.setPen(style.text());
            p.drawText(b.rect, Qt::AlignCenter, b.text);
            break;
        case 6:
        case 7: {
            // "in →" on the putters' side, "→ out" on the getters' side.
            f.setPixelSize(10);
            p.setFont(f);
            p.setPen(QPen(style.dimText(), 1.2));
            const qreal cy = b.rect.center().y();
            const bool in = b.role == 6;
            const QRectF textRect = in ? QRectF(b.rect.left(), b.rect.top(), b.rect.width() - 12, b.rect.height() / 2)
                                       : QRectF(b.rect.left() + 12, b.rect.top(), b.rect.width() - 12, b.rect.height() / 2);
            p.drawText(textRect, Qt::AlignCenter, b.text);
            const qreal x0 = b.rect.left() + 4, x1 = b.rect.right() - 4;
            p.drawLine(QPointF(x0, cy + 4), QPointF(x1, cy + 4));
            p.drawLine(QPointF(x1, cy + 4), QPointF(x1 - 4, cy + 1));
            p.drawLine(QPointF(x1, cy + 4), QPointF(x1 - 4, cy + 7));
            break;
        }
        default:
            p.setFont(f);
            p.setPen(style.text());
            p.drawText(b.rect, Qt::AlignCenter, b.text);
            break;
        }
    }
    p.setFont(font());
    TaskToken::paintAll(p, style, m_all, *m_animator);
}

QString QueueView::toolTipAt(const QPoint &pos) const
{
    return TaskToken::toolTipAt(m_all, *m_animator, pos);
}
