#include "views/SemaphoreView.h"

#include "views/StateStyle.h"
#include "views/TokenAnimator.h"

#include <QEvent>
#include <QPainter>

#include <algorithm>

namespace {

constexpr qreal kMargin = 8;
constexpr QSizeF kToken(80, 24);
constexpr qreal kGap = 5;

}  // namespace

SemaphoreView::SemaphoreView(QWidget *parent) : TraceView(parent), m_animator(new TokenAnimator(this))
{
    setObjectName(QStringLiteral("semaphoreView"));
    setAccessibleName(tr("Semaphores and locks"));
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void SemaphoreView::setState(const trace::TraceState &state, const aio::TraceEvent *)
{
    TaskToken::KeyCounter keys;
    m_objects.clear();
    for (const trace::ObjectInfo &o : state.objects()) {
        if (!o.is_semaphore() && o.kind != aio::ObjectKind::Lock) continue;
        Guarded g;
        g.name = o.name.empty() ? QStringLiteral("#%1").arg(o.id) : StateStyle::fromView(o.name);
        if (!m_ignored.isEmpty() && g.name == m_ignored) continue;
        g.kind = o.kind;
        g.capacity = o.kind == aio::ObjectKind::Lock ? 1 : o.capacity;
        g.free = o.free_permits;
        g.holders = TaskToken::list(state, o.holders, keys);
        g.waiters = TaskToken::list(state, o.waiters, keys);
        m_objects.append(g);
    }
    m_all.clear();
    for (const Guarded &g : std::as_const(m_objects)) m_all += g.holders + g.waiters;
    relayout(animated());
}

QString SemaphoreView::describe() const
{
    QStringList lines;
    for (const Guarded &g : m_objects) {
        const QString head = g.kind == aio::ObjectKind::Lock
                                 ? QStringLiteral("lock %1 [%2]").arg(g.name, g.holders.isEmpty() ? QStringLiteral("free")
                                                                                                  : QStringLiteral("held"))
                                 : QStringLiteral("semaphore %1 [%2 free/%3]").arg(g.name).arg(g.free).arg(g.capacity);
        lines << QStringLiteral("%1: holders: %2 | waiters: %3")
                     .arg(head, TaskToken::names(g.holders), TaskToken::names(g.waiters));
    }
    if (lines.isEmpty()) lines << QStringLiteral("no semaphores");
    return lines.join(QLatin1Char('\n'));
}

void SemaphoreView::relayout(bool animate)
{
    m_boxes.clear();
    QHash<quint64, QRectF> targets;
    const qreal w = width();
    const qreal right = w - kMargin;
    const qreal doorX = kMargin + std::clamp<qreal>(w * 0.4, kToken.width() + 10, w - 2 * kMargin - 120);
    qreal y = kMargin;
    const qreal seatH = kToken.height() + 8;
    // Many objects (a semaphore per request, say): leave the captions out, and
    // say how many did not fit.
    const bool compact = m_objects.size() * (20 + 12 + seatH + 10) > height() - kMargin;
    for (int index = 0; index < m_objects.size(); ++index) {
        const Guarded &g = m_objects[index];
        const qreal blockH = compact ? 18 + seatH + 6 : 20 + 12 + seatH + 10;
        if (index > 0 && y + blockH > height() - 14) {
            m_boxes.append({QRectF(kMargin, y - 4, right - kMargin, 14), tr("+%n more", nullptr, int(m_objects.size()) - index), 2});
            break;
        }
        QString title;
        if (g.kind == aio::ObjectKind::Lock)
            title = tr("%1 (Lock): %2").arg(g.name, g.holders.isEmpty() ? tr("free") : tr("held"));
        else
            title = tr("%1 (%2): %3 of %4 permits free")
                        .arg(g.name, g.kind == aio::ObjectKind::BoundedSemaphore ? QStringLiteral("BoundedSemaphore")
                                                                                : QStringLiteral("Semaphore"))
                        .arg(g.free)
                        .arg(g.capacity);
        m_boxes.append({QRectF(kMargin, y, right - kMargin, 18), title, 1});
        y += compact ? 18 : 20;
        if (!compact) {
            m_boxes.append({QRectF(kMargin, y - 1, doorX - kMargin - 12, 11), tr("waiting in line (first at the door)"), 2});
            m_boxes.append({QRectF(doorX + 12, y - 1, right - doorX - 12, 11), tr("seats"), 2});
        }
        const qreal rowY = compact ? y : y + 12;

        // The door with the bouncer.
        m_boxes.append({QRectF(doorX - 6, rowY - 4, 12, seatH + 4), QString(), 3});

        // Waiters: the first one right at the door.
        const qreal lineW = doorX - 10 - kMargin;
        const int fit = std::max(1, int((lineW + kGap) / (kToken.width() + kGap)));
        const int shown = g.waiters.size() > fit ? fit - 1 : int(g.waiters.size());
        const auto waiterRect = [&](int i) {
            return QRectF(doorX - 10 - (i + 1) * kToken.width() - i * kGap, rowY + 4, kToken.width(), kToken.height());
        };
        for (int i = 0; i < shown; ++i) targets.insert(g.waiters[i].key, waiterRect(i));
        if (shown < g.waiters.size()) m_boxes.append({waiterRect(shown), StateStyle::moreText(g.waiters.size() - shown), 4});

        // Seats: one per permit (at least one per holder), narrower when there are many.
        const int seats = int(std::max<qint64>(std::max<qint64>(g.capacity, 1), g.holders.size()));
        const qreal seatsLeft = doorX + 12;
        const qreal seatsW = right - seatsLeft;
        const qreal seatW = std::clamp<qreal>((seatsW + kGap) / seats - kGap, 48, kToken.width() + 8);
        const int seatFit = std::max(1, int((seatsW + kGap) / (seatW + kGap)));
        // Not all fit: the last place says how many more there are.
        const int seatShown = seats > seatFit ? std::max(1, seatFit - 1) : seats;
        for (int s = 0; s < seatShown; ++s) {
            const QRectF seat(seatsLeft + s * (seatW + kGap), rowY, seatW, seatH);
            m_boxes.append({seat, QString(), 0});
            if (s < g.holders.size()) targets.insert(g.holders[s].key, seat.adjusted(4, 4, -4, -4));
        }
        if (seatShown < seats) {
            const int hiddenHolders = std::max(0, int(g.holders.size()) - seatShown);
            const qreal x = seatsLeft + seatShown * (seatW + kGap);
            m_boxes.append({QRectF(x, rowY, std::max<qreal>(48, right - x), seatH),
                            tr("+%n seat(s) (%1 taken)", nullptr, seats - seatShown).arg(hiddenHolders), 4});
        }
        y = rowY + seatH + (compact ? 6 : 10);
    }
    m_animator->setTargets(targets, animate);
}

void SemaphoreView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const StateStyle style(palette());
    p.fillRect(rect(), style.background());
    p.setRenderHint(QPainter::Antialiasing, true);
    if (m_objects.isEmpty()) {
        p.setPen(style.dimText());
        p.drawText(rect(), Qt::AlignCenter, tr("No semaphore or lock in this run"));
        return;
    }
    for (const Box &b : std::as_const(m_boxes)) {
        QFont f = font();
        switch (b.role) {
        case 0:
            p.setPen(QPen(style.lines(), 1));
            p.setBrush(style.panel());
            p.drawRoundedRect(b.rect, 5, 5);
            break;
        case 1:
            style.paintHeading(p, b.rect, b.text, f);
            break;
        case 2:
            style.paintCaption(p, b.rect, b.text, f);
            break;
        case 3: {
            // A door post and the bouncer in front of it: a head and shoulders.
            p.setPen(Qt::NoPen);
            p.setBrush(style.lines());
            p.drawRect(QRectF(b.rect.center().x() - 1.5, b.rect.top(), 3, b.rect.height()));
            p.setBrush(style.text());
            const QPointF c(b.rect.center().x(), b.rect.top() + 8);
            p.drawEllipse(c, 4, 4);
            p.drawRoundedRect(QRectF(c.x() - 6, c.y() + 5, 12, 12), 4, 4);
            break;
        }
        default:
            f.setPixelSize(11);
            p.setFont(f);
            p.setPen(style.text());
            p.drawText(b.rect, Qt::AlignCenter | Qt::TextWordWrap, b.text);
            break;
        }
    }
    p.setFont(font());
    TaskToken::paintAll(p, style, m_all, *m_animator);
}

QString SemaphoreView::toolTipAt(const QPoint &pos) const
{
    return TaskToken::toolTipAt(m_all, *m_animator, pos);
}
