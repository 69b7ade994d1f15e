#include "widgets/LagMeter.h"

#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace {

QString milliseconds(double seconds)
{
    return QLocale().toString(seconds * 1000.0, 'f', 1) + QStringLiteral(" ms");
}

} // namespace

LagMeter::LagMeter(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("lagMeter"));
    setAccessibleName(tr("Loop lag"));
}

void LagMeter::setTicks(const std::vector<live::HeartbeatTick> &ticks, double work)
{
    m_ticks = ticks;
    m_work = work > 0 ? work : 1.0;
    m_worst = 0;
    for (const live::HeartbeatTick &t : m_ticks)
        m_worst = std::max(m_worst, t.lag);
    setAccessibleDescription(summary());
    update();
}

QString LagMeter::summary() const
{
    if (m_ticks.empty())
        return tr("No tick yet.");
    //: %1: how late the last heartbeat tick fired, %2: the latest so far, %3: how many ticks
    return tr("last tick %1 late · worst %2 · %n tick(s)", nullptr, int(m_ticks.size()))
        .arg(milliseconds(m_ticks.back().lag), milliseconds(m_worst));
}

void LagMeter::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const QFontMetrics fm = fontMetrics();
    const int line = fm.height();

    // Words on top, the chart below them.
    p.setPen(pal.color(QPalette::WindowText));
    p.drawText(QRect(0, 0, width(), line), Qt::AlignLeft | Qt::AlignVCenter, summary());
    const QRectF chart(fm.horizontalAdvance(QStringLiteral("0000 ms")) + 6, line + 6, 0, 0);
    QRectF area(chart.left(), chart.top(), width() - chart.left() - 2, height() - chart.top() - 4);
    if (area.width() < 20 || area.height() < 20)
        return;
    p.fillRect(area, pal.color(QPalette::Base));
    p.setPen(pal.color(QPalette::Mid));
    p.drawRect(area);

    // The scale: 0 to a little above one blocking call, so a blocked tick nearly fills it.
    const double top = std::max(m_work * 1.1, m_worst * 1.05);
    const auto yOf = [&](double lag) { return area.bottom() - area.height() * std::min(lag / top, 1.0); };
    p.setPen(pal.color(QPalette::PlaceholderText));
    for (double mark : {0.0, m_work}) {
        const double y = yOf(mark);
        p.drawText(QRectF(0, y - line / 2.0, chart.left() - 4, line), Qt::AlignRight | Qt::AlignVCenter,
                   QLocale().toString(mark * 1000.0, 'f', 0) + QStringLiteral(" ms"));
        p.drawLine(QPointF(area.left(), y), QPointF(area.right(), y));
    }
    if (m_ticks.empty())
        return;

    // One bar per tick; the newest on the right. Many ticks share a pixel: the tallest wins.
    const int shown = int(m_ticks.size());
    const double slot = area.width() / std::max(shown, 30);
    const QColor calm(QStringLiteral("#2e8b57"));
    const QColor late(QStringLiteral("#c0392b"));
    for (int i = 0; i < shown; ++i) {
        const live::HeartbeatTick &t = m_ticks[std::size_t(i)];
        const double x = area.left() + i * slot;
        const double y = yOf(t.lag);
        // Late by more than a tenth of a blocking call: red; else green. A floor of 1 px
        // keeps the calm ticks visible.
        const QColor colour = t.lag > m_work * 0.1 ? late : calm;
        p.fillRect(QRectF(x + slot * 0.15, std::min(y, area.bottom() - 1.5), std::max(slot * 0.7, 1.0),
                          std::max(area.bottom() - y, 1.5)),
                   colour);
    }
}
