#pragma once

#include "views/TaskToken.h"
#include "views/TraceView.h"

#include <QRectF>
#include <QStringList>
#include <QVector>

class TokenAnimator;

// Every queue of the run: its slots up to maxsize (unbounded: one per item, an
// empty one and an "∞" mark), the items in them with the next one out next to
// the getters, blocked putters in line on the left, blocked getters on the
// right, and the task_done()/join() progress (unfinished items, joiners).
class QueueView : public TraceView
{
    Q_OBJECT

public:
    explicit QueueView(QWidget *parent = nullptr);

    void setState(const trace::TraceState &state, const aio::TraceEvent *current) override;
    QString describe() const override;
    bool hasContent() const override { return !m_queues.isEmpty(); }

    // A queue another view draws (the pool's idle connections): left out here.
    void setIgnoredQueues(const QStringList &names) { m_ignored = names; }
    QStringList ignoredQueues() const { return m_ignored; }

    QSize sizeHint() const override { return {560, 150}; }
    QSize minimumSizeHint() const override { return {320, 100}; }

protected:
    void paintEvent(QPaintEvent *event) override;
    QString toolTipAt(const QPoint &pos) const override;

private:
    struct Queue {
        QString name;
        aio::ObjectKind kind = aio::ObjectKind::Queue;
        qint64 capacity = 0;  // 0: unbounded
        QStringList items;    // put order
        QVector<TaskToken> putters, getters, joiners;
        qint64 unfinished = 0;
    };
    struct Box {
        QRectF rect;
        QString text;
        int role = 0;  // 0 empty slot, 1 item, 2 title, 3 caption, 4 infinity, 5 more, 6 "in" arrow, 7 "out" arrow
    };

    void relayout(bool animate) override;

    QVector<Queue> m_queues;
    QVector<TaskToken> m_all;
    QVector<Box> m_boxes;
    QStringList m_ignored;
    TokenAnimator *m_animator;
};
