#include "views/TaskToken.h"

#include "views/StateStyle.h"
#include "views/TokenAnimator.h"

#include <QPainter>

TaskToken TaskToken::from(const trace::TraceState &state, std::uint32_t id, KeyCounter &keys)
{
    TaskToken token;
    token.id = id;
    const int seen = keys.value(id, 0);
    keys.insert(id, seen + 1);
    token.key = quint64(id) | (quint64(seen) << 32);
    token.name = StateStyle::taskName(state, id);
    if (const trace::TaskInfo *t = state.task(id)) {
        token.status = t->status;
        token.wait = t->wait;
    }
    return token;
}

QString TaskToken::names(const QVector<TaskToken> &tokens)
{
    if (tokens.isEmpty()) return QStringLiteral("-");
    QStringList names;
    names.reserve(tokens.size());
    for (const TaskToken &t : tokens) names.append(t.name);
    return names.join(QStringLiteral(", "));
}

void TaskToken::paintAll(QPainter &painter, const StateStyle &style, const QVector<TaskToken> &tokens,
                         const TokenAnimator &animator)
{
    for (const TaskToken &t : tokens) {
        if (!animator.contains(t.key)) continue;
        style.paintToken(painter, animator.rect(t.key), t.name, t.status, t.wait, animator.opacity(t.key));
    }
}

int TaskToken::flow(const QVector<TaskToken> &tokens, const QRectF &area, const QSizeF &size, qreal gap,
                    QHash<quint64, QRectF> &targets, QRectF *more)
{
    if (more) *more = QRectF();
    constexpr qreal moreW = 52;  // room for "+N" (up to "+100,000")
    const int perRow = std::max(1, int((area.width() + gap) / (size.width() + gap)));
    const int rows = std::max(1, int((area.height() + gap) / (size.height() + gap)));
    const int count = int(tokens.size());
    int fit = perRow * rows;
    if (count > fit) {
        // The last row gives up as many tokens as the "+N" mark needs.
        const int lastRow = std::max(0, int((area.width() - moreW + gap) / (size.width() + gap)));
        fit = perRow * (rows - 1) + std::min(perRow, lastRow);
    }
    const int placed = std::min(count, fit);
    const auto place = [&](int i) {
        return QRectF(area.left() + (i % perRow) * (size.width() + gap), area.top() + (i / perRow) * (size.height() + gap),
                      size.width(), size.height());
    };
    for (int i = 0; i < placed; ++i) targets.insert(tokens[i].key, place(i));
    if (placed < count && more) {
        // Right after the last token of its row (not wrapped onto a row that is not there).
        const QRectF at = placed == 0 ? place(0) : place(placed - 1).translated(size.width() + gap, 0);
        *more = QRectF(at.left(), at.top(), moreW, size.height());
    }
    return placed;
}

QString TaskToken::toolTipAt(const QVector<TaskToken> &tokens, const TokenAnimator &animator, const QPointF &pos)
{
    for (const TaskToken &t : tokens) {
        if (animator.contains(t.key) && animator.rect(t.key).contains(pos))
            return t.name + QStringLiteral(": ") + StateStyle::label(t.status, t.wait);
    }
    return {};
}
