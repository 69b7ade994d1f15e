#pragma once

#include "TaskToken.h"
#include "TraceView.h"

#include <QRectF>
#include <QStringList>
#include <QVector>

class TokenAnimator;

// A connection pool drawn from the Queue that holds its idle connections
// (setPoolQueue): `size` connection boxes, the idle ones (the queue's items)
// and the others (size - idle: in use, or not opened yet), and the acquirers
// waiting for a connection (the queue's blocked getters).
class PoolView : public TraceView
{
    Q_OBJECT

public:
    explicit PoolView(QWidget *parent = nullptr);

    // The queue of idle connections and the pool's maximum size. An empty name: no pool.
    void setPoolQueue(const QString &name, int size);
    QString poolQueue() const { return m_queueName; }
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

    QString m_queueName;
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
