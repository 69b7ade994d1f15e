#pragma once

#include "views/TaskToken.h"
#include "views/TraceView.h"

#include <QRectF>
#include <QVector>

class TokenAnimator;

// Every semaphore and lock of the run as a room with seats: one seat per
// permit (a lock: one seat), the holders in them, and the waiters in a FIFO
// line outside the door where the bouncer lets the first one in when a seat
// frees up.
class SemaphoreView : public TraceView
{
    Q_OBJECT

public:
    explicit SemaphoreView(QWidget *parent = nullptr);

    // Semaphores of this name are drawn by the pool view (a live session's connections).
    void setIgnoredSemaphore(const QString &name) { m_ignored = name; }

    void setState(const trace::TraceState &state, const aio::TraceEvent *current) override;
    QString describe() const override;
    bool hasContent() const override { return !m_objects.isEmpty(); }

    QSize sizeHint() const override { return {560, 150}; }
    QSize minimumSizeHint() const override { return {320, 100}; }

protected:
    void paintEvent(QPaintEvent *event) override;
    QString toolTipAt(const QPoint &pos) const override;

private:
    struct Guarded {
        QString name;
        aio::ObjectKind kind = aio::ObjectKind::Semaphore;
        qint64 capacity = 0;
        qint64 free = 0;
        QVector<TaskToken> holders, waiters;
    };
    struct Box {
        QRectF rect;
        QString text;
        int role = 0;  // 0 seat, 1 title, 2 caption, 3 door, 4 more
    };

    void relayout(bool animate) override;

    QString m_ignored;
    QVector<Guarded> m_objects;
    QVector<TaskToken> m_all;
    QVector<Box> m_boxes;
    TokenAnimator *m_animator;
};
