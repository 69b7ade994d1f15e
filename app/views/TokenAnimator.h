#pragma once

#include <QHash>
#include <QObject>
#include <QRectF>
#include <QVariantAnimation>

class QWidget;

// Where each task token of a view is drawn, moving smoothly between layouts.
//
// A view lays its tokens out for a new state and hands the rects to
// setTargets(): every token then glides from where it is drawn now to its new
// rect over duration() ms (one QVariantAnimation for all of them), new tokens
// grow and fade in, and the target widget repaints on every frame. With
// animated == false the tokens jump (tests, screenshots, scrubbing).
// Keys are the view's choice: the task id, made unique if a task is drawn twice.
class TokenAnimator : public QObject
{
    Q_OBJECT

public:
    explicit TokenAnimator(QWidget *target);

    void setDuration(int ms) { m_animation.setDuration(ms); }
    int duration() const { return m_animation.duration(); }

    void setTargets(const QHash<quint64, QRectF> &targets, bool animated);
    // Jumps to the end of a running animation.
    void finish();
    bool isAnimating() const { return m_animation.state() == QAbstractAnimation::Running; }

    bool contains(quint64 key) const { return m_to.contains(key); }
    // The rect to draw the token at now; the target rect when no animation runs.
    QRectF rect(quint64 key) const;
    // 0..1: a new token fades in.
    qreal opacity(quint64 key) const;
    QList<quint64> keys() const { return m_to.keys(); }

private:
    QWidget *m_target;
    QVariantAnimation m_animation;
    QHash<quint64, QRectF> m_from;
    QHash<quint64, QRectF> m_to;
    qreal m_progress = 1.0;
};
