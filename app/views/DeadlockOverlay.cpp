#include "views/DeadlockOverlay.h"

#include "views/StateStyle.h"

#include <QEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace {

constexpr int kRow = 22;
constexpr int kHead = 34;

}  // namespace

DeadlockOverlay::DeadlockOverlay(QWidget *parent) : TraceView(parent)
{
    setObjectName(QStringLiteral("deadlockOverlay"));
    setAccessibleName(tr("Deadlock report"));
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setAttribute(Qt::WA_NoSystemBackground);
    if (parent) {
        parent->installEventFilter(this);
        followParent();
        hide();
    }
}

void DeadlockOverlay::setState(const trace::TraceState &state, const aio::TraceEvent *)
{
    m_entries.clear();
    for (const trace::DeadlockEntry &d : state.deadlock()) {
        Entry e;
        e.task = StateStyle::taskName(state, d.task);
        e.wait = d.wait;
        e.target = StateStyle::waitTarget(state, d.wait, d.object);
        e.where = StateStyle::fileLine(d.at);
        m_entries.append(e);
    }
    if (parentWidget()) {
        followParent();
        setVisible(!m_entries.isEmpty());
        if (!m_entries.isEmpty()) raise();
    }
    update();
}

QString DeadlockOverlay::describe() const
{
    QStringList lines;
    lines << QStringLiteral("deadlock: %1").arg(m_entries.size());
    for (const Entry &e : m_entries) lines << QStringLiteral("%1 -> %2 -> %3").arg(e.task, StateStyle::waitKey(e.wait, e.target), e.where);
    return lines.join(QLatin1Char('\n'));
}

QSize DeadlockOverlay::sizeHint() const
{
    if (parentWidget()) return parentWidget()->size();
    return {560, kHead + 16 + int(std::max<qsizetype>(3, m_entries.size())) * kRow};
}

bool DeadlockOverlay::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == parentWidget() && event->type() == QEvent::Resize) followParent();
    return TraceView::eventFilter(watched, event);
}

void DeadlockOverlay::followParent()
{
    if (QWidget *p = parentWidget()) setGeometry(p->rect());
}

void DeadlockOverlay::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const StateStyle style(palette());
    p.setRenderHint(QPainter::Antialiasing, true);
    // A light veil over the views: they stay readable beneath.
    QColor veil = style.background();
    veil.setAlpha(parentWidget() ? 90 : 255);
    p.fillRect(rect(), veil);
    if (m_entries.isEmpty()) return;

    const QColor alarm = StateStyle::color(trace::TaskStatus::Failed, aio::WaitKind::None);
    const int maxRows = std::max(1, (height() - kHead - 24) / kRow);
    const int rows = std::min<int>(int(m_entries.size()), maxRows);
    const bool cut = rows < m_entries.size();
    const int bannerH = kHead + (rows + (cut ? 1 : 0)) * kRow + 10;
    const QRectF banner(8, 8, width() - 16, bannerH);
    QColor fill = style.background();
    fill.setAlpha(235);
    p.setPen(QPen(alarm, 2));
    p.setBrush(fill);
    p.drawRoundedRect(banner, 8, 8);
    // A stripe of the alarm colour with a pattern at the left edge (not colour alone).
    QPainterPath clip;
    clip.addRoundedRect(banner, 8, 8);
    p.save();
    p.setClipPath(clip);
    p.fillRect(QRectF(banner.left(), banner.top(), 10, banner.height()), alarm);
    p.fillRect(QRectF(banner.left(), banner.top(), 10, banner.height()), QBrush(Qt::white, Qt::BDiagPattern));
    p.restore();

    QFont title = font();
    title.setBold(true);
    title.setPixelSize(15);
    p.setFont(title);
    p.setPen(style.isDark() ? alarm.lighter(130) : alarm.darker(130));
    const QRectF titleRect(banner.left() + 20, banner.top() + 6, banner.width() - 28, kHead - 8);
    p.drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter,
               p.fontMetrics().elidedText(tr("Deadlock: the loop stopped, these tasks wait forever"), Qt::ElideRight,
                                          int(titleRect.width())));

    p.setFont(font());
    const QFontMetrics fm(font());
    const qreal x0 = banner.left() + 20;
    const qreal w = banner.width() - 28;
    const qreal taskW = std::min(w * 0.3, qreal(140));
    const qreal whereW = std::min(w * 0.3, qreal(130));
    const qreal waitW = w - taskW - whereW;
    qreal y = banner.top() + kHead;
    for (int i = 0; i < rows; ++i, y += kRow) {
        const Entry &e = m_entries[i];
        QFont bold = font();
        bold.setBold(true);
        p.setFont(bold);
        p.setPen(style.text());
        p.drawText(QRectF(x0, y, taskW - 6, kRow), Qt::AlignLeft | Qt::AlignVCenter,
                   QFontMetrics(bold).elidedText(e.task, Qt::ElideRight, int(taskW - 6)));
        p.setFont(font());
        p.drawText(QRectF(x0 + taskW, y, waitW - 6, kRow), Qt::AlignLeft | Qt::AlignVCenter,
                   fm.elidedText(QStringLiteral("→ ") + tr("waits on %1").arg(StateStyle::waitPhrase(e.wait, e.target)), Qt::ElideRight, int(waitW - 6)));
        p.setPen(style.dimText());
        p.drawText(QRectF(x0 + taskW + waitW, y, whereW, kRow), Qt::AlignRight | Qt::AlignVCenter,
                   fm.elidedText(e.where, Qt::ElideLeft, int(whereW)));
    }
    if (cut) {
        p.setPen(style.dimText());
        p.drawText(QRectF(x0, y, w, kRow), Qt::AlignLeft | Qt::AlignVCenter,
                   tr("… and %n more task(s)", nullptr, int(m_entries.size()) - rows));
    }
}
