#include "views/ConsoleView.h"

#include "views/StateStyle.h"

#include <QFontDatabase>
#include <QPainter>
#include <QWheelEvent>

#include <algorithm>

ConsoleView::ConsoleView(QWidget *parent) : TraceView(parent)
{
    setObjectName(QStringLiteral("consoleView"));
    setAccessibleName(tr("Console"));
    setAttribute(Qt::WA_OpaquePaintEvent);
    QFont f = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    f.setPointSizeF(std::max(8.0, font().pointSizeF() - 0.5));
    setFont(f);
}

bool ConsoleView::sameAs(const Line &mine, const trace::TraceState &state) const
{
    // Same seq, time and text: a re-run with other parameters has the same seq numbers.
    const auto same = [&](std::uint64_t seq, std::int64_t timeNs, std::string_view text) {
        return mine.seq == seq && mine.time == double(timeNs) / 1e9 && mine.text == StateStyle::fromView(text);
    };
    if (mine.warning) {
        const std::vector<trace::SlowStepEntry> &slow = state.slow_steps();
        if (mine.source >= qsizetype(slow.size())) return false;
        const trace::SlowStepEntry &w = slow[std::size_t(mine.source)];
        return same(w.seq, w.time_ns, w.text);
    }
    const std::vector<trace::LogLine> &log = state.log();
    if (mine.source >= qsizetype(log.size())) return false;
    const trace::LogLine &l = log[std::size_t(mine.source)];
    return same(l.seq, l.time_ns, l.text);
}

void ConsoleView::setState(const trace::TraceState &state, const aio::TraceEvent *)
{
    const std::vector<trace::LogLine> &log = state.log();
    const std::vector<trace::SlowStepEntry> &slow = state.slow_steps();
    const qsizetype have = m_lines.size();
    const qsizetype want = qsizetype(log.size() + slow.size());
    // Both lists grow in seq order, so the merged lines of an earlier state are a
    // prefix of a later one's. Same run, same beginning? Then only the tail changes.
    bool prefix = have == 0 || (want > 0 && sameAs(m_lines.front(), state));
    if (prefix && have > 0) prefix = sameAs(m_lines[std::min(have, want) - 1], state);
    if (!prefix) {
        m_lines.clear();
        m_logTaken = m_slowTaken = 0;
    }
    if (m_lines.size() > want) {
        for (qsizetype i = want; i < m_lines.size(); ++i) --(m_lines[i].warning ? m_slowTaken : m_logTaken);
        m_lines.resize(want);
    } else if (m_lines.size() < want) {
        m_lines.reserve(want);
        const auto logSize = qsizetype(log.size()), slowSize = qsizetype(slow.size());
        while (m_logTaken < logSize || m_slowTaken < slowSize) {
            const bool takeSlow = m_logTaken == logSize ||
                                  (m_slowTaken < slowSize && slow[std::size_t(m_slowTaken)].seq < log[std::size_t(m_logTaken)].seq);
            if (takeSlow) {
                const trace::SlowStepEntry &w = slow[std::size_t(m_slowTaken)];
                m_lines.append({w.seq, double(w.time_ns) / 1e9, w.task ? StateStyle::taskName(state, w.task) : QString(),
                                StateStyle::fromView(w.text), true, m_slowTaken++});
            } else {
                const trace::LogLine &l = log[std::size_t(m_logTaken)];
                m_lines.append({l.seq, double(l.time_ns) / 1e9, l.task ? StateStyle::taskName(state, l.task) : QString(),
                                StateStyle::fromView(l.text), false, m_logTaken++});
            }
        }
        m_scrollBack = 0;
    }
    m_scrollBack = std::clamp(m_scrollBack, 0, std::max(0, int(m_lines.size()) - 1));
    update();
}

void ConsoleView::clear()
{
    m_lines.clear();
    m_logTaken = m_slowTaken = 0;
    m_scrollBack = 0;
    update();
}

QString ConsoleView::describe() const
{
    QStringList out;
    out << QStringLiteral("lines: %1").arg(m_lines.size());
    for (const Line &l : m_lines)
        out << QStringLiteral("[%1] %2: %3%4")
                   .arg(StateStyle::seconds(l.time), l.task.isEmpty() ? QStringLiteral("-") : l.task,
                        l.warning ? QStringLiteral("warning: ") : QString(), l.text);
    return out.join(QLatin1Char('\n'));
}

void ConsoleView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const StateStyle style(palette());
    p.fillRect(rect(), style.background());
    const QFontMetrics fm(font());
    const int lineH = fm.height() + 2;
    const int margin = 6;
    if (m_lines.isEmpty()) {
        p.setPen(style.dimText());
        p.drawText(rect().adjusted(margin, margin, -margin, -margin), Qt::AlignLeft | Qt::AlignTop, tr("(no output yet)"));
        return;
    }
    const int timeW = fm.horizontalAdvance(QStringLiteral("000.000 s")) + 8;
    int taskW = 0;
    const int rows = std::max(1, (height() - 2 * margin) / lineH);
    int last = int(m_lines.size()) - 1 - m_scrollBack;
    const int first = std::max(0, last - rows + 1);
    for (int i = first; i <= last; ++i) taskW = std::max(taskW, fm.horizontalAdvance(m_lines[i].task));
    taskW = std::min(taskW + 10, width() / 4);
    int y = height() - margin - lineH;
    for (int i = last; i >= first; --i, y -= lineH) {
        const Line &l = m_lines[i];
        if (l.warning) p.fillRect(QRect(0, y - 1, width(), lineH), style.warningFill());
        else if (i == int(m_lines.size()) - 1) p.fillRect(QRect(0, y - 1, width(), lineH), style.panel());
        p.setPen(style.dimText());
        p.drawText(QRect(margin, y, timeW - 8, lineH), Qt::AlignRight | Qt::AlignVCenter, StateStyle::seconds(l.time));
        p.setPen(style.accent());
        p.drawText(QRect(margin + timeW, y, taskW - 6, lineH), Qt::AlignLeft | Qt::AlignVCenter,
                   fm.elidedText(l.task, Qt::ElideRight, taskW - 6));
        int textX = margin + timeW + taskW;
        if (l.warning) {
            // Debug mode's report: a warning sign, then asyncio's sentence in the warning ink.
            style.paintWarningSign(p, QRectF(textX, y, lineH, lineH).adjusted(1, 1, -1, -1));
            textX += lineH + 4;
            p.setPen(style.warning());
        } else {
            p.setPen(style.text());
        }
        p.drawText(QRect(textX, y, width() - textX - margin, lineH), Qt::AlignLeft | Qt::AlignVCenter,
                   fm.elidedText(l.text, Qt::ElideRight, width() - textX - margin));
    }
    if (m_scrollBack > 0) {
        p.setPen(style.dimText());
        p.drawText(rect().adjusted(0, 0, -margin, -2), Qt::AlignRight | Qt::AlignBottom,
                   tr("%n newer line(s) below", nullptr, m_scrollBack));
    }
}

void ConsoleView::wheelEvent(QWheelEvent *event)
{
    m_scrollBack = std::clamp(m_scrollBack + event->angleDelta().y() / 40, 0, std::max(0, int(m_lines.size()) - 1));
    update();
    event->accept();
}
