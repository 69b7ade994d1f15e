#pragma once

#include "views/TaskToken.h"
#include "views/TraceView.h"

#include <QColor>
#include <QRectF>
#include <QStringList>
#include <QVector>

class QPainter;
class StateStyle;
class TokenAnimator;

// A connection pool, drawn from one of two sources:
// - the Queue that holds its idle connections (setPoolQueue, the database lesson): `size`
//   connection boxes, the idle ones (the queue's items) and the others (size - idle: in
//   use, or not opened yet), and the acquirers waiting for a connection (blocked getters);
// - a live HTTP session's "connections" semaphores (setConnectionSemaphore): one box per
//   connection open (the count the sessions report), busy ones named after the request on
//   them, a request that holds a slot before its connection is open shown as connecting,
//   and the requests waiting for a slot. Several sessions (the pitfall: one per request)
//   add up, and the title says how many connections were opened in all.
class PoolView : public TraceView
{
    Q_OBJECT

public:
    explicit PoolView(QWidget *parent = nullptr);

    // The queue of idle connections and the pool's maximum size. An empty name: no pool.
    void setPoolQueue(const QString &name, int size);
    QString poolQueue() const { return m_queueName; }
    // The name of the semaphores of live sessions. An empty name: no sessions.
    void setConnectionSemaphore(const QString &name);
    int poolSize() const { return m_size; }

    void setState(const trace::TraceState &state, const aio::TraceEvent *current) override;
    QString describe() const override;
    bool hasContent() const override { return m_found; }

    QSize sizeHint() const override { return {560, 130}; }
    QSize minimumSizeHint() const override { return {300, 100}; }

protected:
    void paintEvent(QPaintEvent *event) override;
    QString toolTipAt(const QPoint &pos) const override;

private:
    void relayout(bool animate) override;

    // How one connection box looks.
    struct BoxLook {
        QColor fill;
        bool hatched = false; // in use (pool queue mode)
        bool dashed = false;  // being set up (sessions)
        QString label;
    };

    bool sessions() const { return !m_semaphoreName.isEmpty(); }
    void paintPool(QPainter &p, const StateStyle &style, const QString &title, const QVector<BoxLook> &looks,
                   const QString &waitingLine);

    QString m_queueName;
    QString m_semaphoreName;
    qint64 m_open = 0;   // sessions: connections open now
    qint64 m_opened = 0; // sessions: connections opened since the run began
    QVector<TaskToken> m_busy; // sessions: requests holding a connection slot
    int m_size = 0;
    bool m_found = false;
    QStringList m_idle;
    QVector<TaskToken> m_getters;
    QVector<QRectF> m_boxes;  // one per connection: idle first
    QRectF m_title;
    QRectF m_line;
    QRectF m_more;
    int m_moreCount = 0;
    int m_hiddenBoxes = 0;
    TokenAnimator *m_animator;
};
