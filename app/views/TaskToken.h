#pragma once

#include <aio/trace_event.hpp>
#include <trace/trace_state.hpp>

#include <QHash>
#include <QRectF>
#include <QString>
#include <QStringList>
#include <QVector>

#include <cstdint>

class QPainter;
class StateStyle;
class TokenAnimator;

// A task as a view draws it: copied out of the TraceState (name as QString), so
// the view keeps nothing of the state. `key` identifies the token for the
// TokenAnimator: the task id, with a counter in the high bits when one view
// draws the same task twice (a holder of one semaphore waiting at another).
struct TaskToken {
    quint64 key = 0;
    std::uint32_t id = 0;
    QString name;
    trace::TaskStatus status = trace::TaskStatus::Created;
    aio::WaitKind wait = aio::WaitKind::None;

    // Keys already handed out in one layout pass.
    using KeyCounter = QHash<std::uint32_t, int>;

    static TaskToken from(const trace::TraceState &state, std::uint32_t id, KeyCounter &keys);
    template <class Ids>
    static QVector<TaskToken> list(const trace::TraceState &state, const Ids &ids, KeyCounter &keys)
    {
        QVector<TaskToken> out;
        out.reserve(qsizetype(ids.size()));
        for (std::uint32_t id : ids) out.append(from(state, id, keys));
        return out;
    }
    // "a, b, c" or "-" (describe() lines).
    static QString names(const QVector<TaskToken> &tokens);

    // Lays tokens out left to right in rows inside `area` (token size `size`, `gap`
    // between them) and adds their rects to `targets`. Returns how many fit; when
    // not all do, room for a "+N" mark is kept at the end, returned in *more.
    static int flow(const QVector<TaskToken> &tokens, const QRectF &area, const QSizeF &size, qreal gap,
                    QHash<quint64, QRectF> &targets, QRectF *more);

    // "worker-1: sleeping" for the token drawn at pos (empty: none there).
    static QString toolTipAt(const QVector<TaskToken> &tokens, const TokenAnimator &animator, const QPointF &pos);

    // Draws the tokens at the animator's current rects (those it has a rect for).
    static void paintAll(QPainter &painter, const StateStyle &style, const QVector<TaskToken> &tokens,
                         const TokenAnimator &animator);
};
