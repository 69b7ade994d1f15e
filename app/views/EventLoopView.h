#pragma once

#include "views/TaskToken.h"
#include "views/TraceView.h"

#include <QHash>
#include <QRectF>
#include <QVector>

class TokenAnimator;

// The event loop at the cursor: the virtual clock, the running task in a big
// slot, the ready queue in order (its head next to the slot), the pending
// timers sorted by wake-up time with their owners, the waiting tasks grouped by
// what they wait on, and the finished tasks. While the clock still stands at the
// end of a step that debug mode reported as slow, a warning under the iteration
// says who held the loop for how long.
//
// A crowd (100,000 tasks) is not drawn token by token: each list keeps at most
// listCap tokens (what a view could ever place) and the number of the others,
// shown as "+N" and counted in the captions; describe() names the kept ones and
// says how many more there are.
//
// With the ready queue's order hidden ("You are the event loop" asks for it), the ready
// tasks stand in creation order under a caption that says so, without the arrow into the slot.
class EventLoopView : public TraceView
{
    Q_OBJECT

public:
    explicit EventLoopView(QWidget *parent = nullptr);

    void setState(const trace::TraceState &state, const aio::TraceEvent *current) override;
    QString describe() const override;

    // Draws the ready tasks in creation order instead of queue order (and says so).
    void setReadyOrderHidden(bool hidden);
    bool readyOrderHidden() const { return m_readyOrderHidden; }

    static constexpr int listCap = 2000;

    QSize sizeHint() const override { return {560, 300}; }
    QSize minimumSizeHint() const override { return {300, 200}; }

protected:
    void paintEvent(QPaintEvent *event) override;
    QString toolTipAt(const QPoint &pos) const override;

private:
    struct Timer {
        double deadline = 0;
        QString owner;       // "-" for none
        bool hasToken = false;
        TaskToken token;     // the sleeping owner, drawn beside its timer
    };
    struct Group {
        aio::WaitKind kind = aio::WaitKind::None;
        QString target;      // object or awaited task name (may be empty)
        bool created = false;  // tasks whose first step is not scheduled yet
        QVector<TaskToken> tokens;  // the first listCap
        int count = 0;               // all of them
    };
    struct Label {
        QRectF rect;
        QString text;
        int role = 0;  // 0 caption, 1 dim, 2 clock, 3 normal
        int align = 0;
    };

    void relayout(bool animate) override;
    void arrangeReady();

    double m_time = 0;
    quint64 m_iteration = 0;
    bool m_ended = false;
    // The newest slow step, if it ended at the current time.
    bool m_held = false;
    double m_heldSeconds = 0;
    QString m_heldBy;      // task name; empty: a callback
    QString m_heldReport;  // the scheduler's sentence
    QRectF m_heldRect;
    QVector<TaskToken> m_running;
    QVector<TaskToken> m_readyQueue;  // in queue order (next first), the first listCap
    int m_readyCount = 0;
    int m_timerCount = 0;
    int m_finishedCount = 0;
    QVector<TaskToken> m_ready;       // as drawn: queue order, or creation order when hidden
    bool m_readyOrderHidden = false;
    QVector<Timer> m_timers;
    QVector<Group> m_groups;
    QVector<TaskToken> m_finished;
    QVector<TaskToken> m_all;  // every drawn token (paint order)

    QVector<Label> m_labels;
    QRectF m_slot;
    QRectF m_arrowFrom, m_arrowTo;
    TokenAnimator *m_animator;
};
