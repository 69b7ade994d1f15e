#include "views/TokenAnimator.h"

#include <QWidget>

TokenAnimator::TokenAnimator(QWidget *target) : QObject(target), m_target(target)
{
    m_animation.setStartValue(0.0);
    m_animation.setEndValue(1.0);
    m_animation.setDuration(180);
    m_animation.setEasingCurve(QEasingCurve::OutCubic);
    connect(&m_animation, &QVariantAnimation::valueChanged, this, [this](const QVariant &value) {
        m_progress = value.toReal();
        m_target->update();
    });
    connect(&m_animation, &QVariantAnimation::finished, this, [this] {
        m_progress = 1.0;
        m_from.clear();
        m_target->update();
    });
}

void TokenAnimator::setTargets(const QHash<quint64, QRectF> &targets, bool animated)
{
    if (!animated || !m_target->isVisible()) {
        m_animation.stop();
        m_from.clear();
        m_to = targets;
        m_progress = 1.0;
        m_target->update();
        return;
    }
    // Start from where each token is drawn now (also in the middle of a glide).
    QHash<quint64, QRectF> from;
    from.reserve(targets.size());
    for (auto it = targets.cbegin(); it != targets.cend(); ++it) {
        if (m_to.contains(it.key())) from.insert(it.key(), rect(it.key()));
    }
    m_animation.stop();
    m_from = std::move(from);
    m_to = targets;
    m_progress = 0.0;
    m_animation.start();
    m_target->update();
}

void TokenAnimator::finish()
{
    if (!isAnimating()) return;
    m_animation.stop();
    m_progress = 1.0;
    m_from.clear();
    m_target->update();
}

QRectF TokenAnimator::rect(quint64 key) const
{
    const QRectF to = m_to.value(key);
    if (m_progress >= 1.0) return to;
    const auto from = m_from.constFind(key);
    if (from == m_from.cend()) {
        // A new token grows from its centre.
        const qreal s = 0.4 + 0.6 * m_progress;
        QRectF r(0, 0, to.width() * s, to.height() * s);
        r.moveCenter(to.center());
        return r;
    }
    const qreal t = m_progress;
    const QRectF &f = *from;
    return QRectF(f.left() + (to.left() - f.left()) * t, f.top() + (to.top() - f.top()) * t,
                  f.width() + (to.width() - f.width()) * t, f.height() + (to.height() - f.height()) * t);
}

qreal TokenAnimator::opacity(quint64 key) const
{
    if (m_progress >= 1.0 || m_from.contains(key)) return 1.0;
    return m_progress;
}
