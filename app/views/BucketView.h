#pragma once

#include "views/TaskToken.h"
#include "views/TraceView.h"

#include <QRectF>
#include <QVector>

class TokenAnimator;

// Every token bucket of the run: a bucket filled to its level (tokens left
// after the last take) against its capacity, the tokens taken so far, and the
// tasks waiting for tokens in line beside it.
class BucketView : public TraceView
{
    Q_OBJECT

public:
    explicit BucketView(QWidget *parent = nullptr);

    void setState(const trace::TraceState &state, const aio::TraceEvent *current) override;
    QString describe() const override;
    bool hasContent() const override { return !m_buckets.isEmpty(); }

    QSize sizeHint() const override { return {560, 130}; }
    QSize minimumSizeHint() const override { return {300, 100}; }

protected:
    void paintEvent(QPaintEvent *event) override;
    QString toolTipAt(const QPoint &pos) const override;

private:
    struct Bucket {
        QString name;
        qint64 capacity = 0;
        QString levelText;  // as recorded; empty before the first take
        double level = 0;   // parsed; the capacity while unknown (a bucket starts full)
        qint64 taken = 0;
        QVector<TaskToken> waiters;
        QRectF shape;       // where the bucket is drawn
        QRectF text;
        QRectF line;
    };

    void relayout(bool animate) override;

    QVector<Bucket> m_buckets;
    QVector<TaskToken> m_all;
    QVector<QRectF> m_more;
    QStringList m_moreText;
    TokenAnimator *m_animator;
};
