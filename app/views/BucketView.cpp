#include "views/BucketView.h"

#include "views/StateStyle.h"
#include "views/TokenAnimator.h"

#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace {

constexpr qreal kMargin = 8;
constexpr QSizeF kToken(80, 24);
constexpr qreal kGap = 5;
constexpr qreal kBlock = 84;

}  // namespace

BucketView::BucketView(QWidget *parent) : TraceView(parent), m_animator(new TokenAnimator(this))
{
    setObjectName(QStringLiteral("bucketView"));
    setAccessibleName(tr("Token buckets"));
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void BucketView::setState(const trace::TraceState &state, const aio::TraceEvent *)
{
    TaskToken::KeyCounter keys;
    m_buckets.clear();
    for (const trace::ObjectInfo &o : state.objects()) {
        if (o.kind != aio::ObjectKind::Bucket) continue;
        Bucket b;
        b.name = o.name.empty() ? QStringLiteral("#%1").arg(o.id) : StateStyle::fromView(o.name);
        b.capacity = o.capacity;
        b.levelText = StateStyle::fromView(o.level).trimmed();
        bool ok = false;
        const double parsed = b.levelText.toDouble(&ok);  // QString::toDouble: C locale
        b.level = ok ? parsed : double(o.capacity);
        b.taken = o.tokens_taken;
        b.waiters = TaskToken::list(state, o.waiters, keys);
        m_buckets.append(b);
    }
    m_all.clear();
    for (const Bucket &b : std::as_const(m_buckets)) m_all += b.waiters;
    relayout(animated());
}

QString BucketView::describe() const
{
    QStringList lines;
    for (const Bucket &b : m_buckets) {
        lines << QStringLiteral("bucket %1: level %2/%3 | taken: %4 | waiters: %5")
                     .arg(b.name, b.levelText.isEmpty() ? QStringLiteral("full") : b.levelText)
                     .arg(b.capacity)
                     .arg(b.taken)
                     .arg(TaskToken::names(b.waiters));
    }
    if (lines.isEmpty()) lines << QStringLiteral("no buckets");
    return lines.join(QLatin1Char('\n'));
}

void BucketView::relayout(bool animate)
{
    QHash<quint64, QRectF> targets;
    m_more.clear();
    m_moreText.clear();
    const qreal right = width() - kMargin;
    qreal y = kMargin;
    for (Bucket &b : m_buckets) {
        b.shape = QRectF(kMargin + 4, y + 4, 60, kBlock - 12);
        const qreal textLeft = b.shape.right() + 16;
        b.text = QRectF(textLeft, y, right - textLeft, 40);
        b.line = QRectF(textLeft, y + 44, right - textLeft, kToken.height());
        QRectF more;
        const int placed = TaskToken::flow(b.waiters, b.line, kToken, kGap, targets, &more);
        if (!more.isNull()) {
            m_more.append(more);
            m_moreText.append(StateStyle::moreText(b.waiters.size() - placed));
        }
        y += kBlock + 6;
    }
    m_animator->setTargets(targets, animate);
}

void BucketView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const StateStyle style(palette());
    p.fillRect(rect(), style.background());
    p.setRenderHint(QPainter::Antialiasing, true);
    if (m_buckets.isEmpty()) {
        p.setPen(style.dimText());
        p.drawText(rect(), Qt::AlignCenter, tr("No token bucket in this run"));
        return;
    }
    const QColor water = StateStyle::color(trace::TaskStatus::Waiting, aio::WaitKind::Sleep);
    for (const Bucket &b : std::as_const(m_buckets)) {
        // A bucket, wider at the top, filled to level / capacity.
        const QRectF r = b.shape;
        const qreal inset = r.width() * 0.14;
        QPainterPath outline;
        outline.moveTo(r.topLeft());
        outline.lineTo(r.left() + inset, r.bottom());
        outline.lineTo(r.right() - inset, r.bottom());
        outline.lineTo(r.topRight());
        const qreal fraction = b.capacity > 0 ? std::clamp(b.level / double(b.capacity), 0.0, 1.0) : 0.0;
        QPainterPath body = outline;
        body.closeSubpath();
        p.fillPath(body, style.panel());
        p.save();
        p.setClipPath(body);
        const QRectF fill(r.left(), r.bottom() - r.height() * fraction, r.width(), r.height() * fraction);
        p.fillRect(fill, water);
        QColor ripple = StateStyle::textOn(water);
        ripple.setAlpha(70);
        p.fillRect(fill, QBrush(ripple, Qt::HorPattern));
        p.restore();
        p.setPen(QPen(style.text(), 2));
        p.setBrush(Qt::NoBrush);
        p.drawPath(outline);
        // Capacity ticks on the side.
        p.setPen(QPen(style.lines(), 1));
        if (b.capacity > 0 && b.capacity <= 20) {
            for (qint64 k = 1; k < b.capacity; ++k) {
                const qreal ty = r.bottom() - r.height() * double(k) / double(b.capacity);
                p.drawLine(QPointF(r.right() + 2, ty), QPointF(r.right() + 6, ty));
            }
        }

        QFont f = font();
        f.setBold(true);
        p.setFont(f);
        p.setPen(style.text());
        // The level as a person reads it: "2,50" in German (QLocale follows the interface language).
        const QString level = b.levelText.isEmpty() ? tr("full") : QLocale().toString(b.level, 'f', 2);
        const QString head = tr("%1: %2 of %3 tokens").arg(b.name, level).arg(b.capacity);
        p.drawText(QRectF(b.text.left(), b.text.top(), b.text.width(), 18), Qt::AlignLeft | Qt::AlignVCenter,
                   p.fontMetrics().elidedText(head, Qt::ElideRight, int(b.text.width())));
        p.setFont(font());
        p.setPen(style.dimText());
        const QString sub = tr("taken so far: %1   waiting for tokens: %2").arg(b.taken).arg(b.waiters.size());
        p.drawText(QRectF(b.text.left(), b.text.top() + 20, b.text.width(), 18), Qt::AlignLeft | Qt::AlignVCenter,
                   p.fontMetrics().elidedText(sub, Qt::ElideRight, int(b.text.width())));
        if (b.waiters.isEmpty()) {
            QFont it = font();
            it.setItalic(true);
            p.setFont(it);
            p.drawText(b.line, Qt::AlignLeft | Qt::AlignVCenter, tr("nobody waits"));
            p.setFont(font());
        }
    }
    p.setPen(style.text());
    for (int i = 0; i < m_more.size(); ++i) p.drawText(m_more[i], Qt::AlignCenter, m_moreText[i]);
    TaskToken::paintAll(p, style, m_all, *m_animator);
}

QString BucketView::toolTipAt(const QPoint &pos) const
{
    return TaskToken::toolTipAt(m_all, *m_animator, pos);
}
