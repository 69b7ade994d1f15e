#include "views/StateStyle.h"

#include <trace/text_log.hpp>

#include <QLocale>

#include <QHash>
#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace {

using aio::WaitKind;
using trace::TaskStatus;

// Okabe & Ito (2008), "Color Universal Design".
const QColor kOrange(0xE6, 0x9F, 0x00);
const QColor kSkyBlue(0x56, 0xB4, 0xE9);
const QColor kGreen(0x00, 0x9E, 0x73);
const QColor kYellow(0xF0, 0xE4, 0x42);
const QColor kBlue(0x00, 0x72, 0xB2);
const QColor kVermillion(0xD5, 0x5E, 0x00);
const QColor kPurple(0xCC, 0x79, 0xA7);
const QColor kGrey(0xA8, 0xA8, 0xA8);
const QColor kDarkGrey(0x70, 0x70, 0x70);

QColor mix(const QColor &a, const QColor &b, qreal t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t), float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

// A small glyph for the states drawn without pattern: a play triangle, a check, a cross, an "!".
void paintGlyph(QPainter &p, const QRectF &r, TaskStatus status, const QColor &ink)
{
    const qreal s = std::min(r.width(), r.height()) * 0.55;
    const QPointF c = r.center();
    QPen pen(ink, std::max<qreal>(1.5, s / 5), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    p.setPen(pen);
    switch (status) {
    case TaskStatus::Running: {
        QPainterPath tri;
        tri.moveTo(c.x() - s / 2.5, c.y() - s / 2);
        tri.lineTo(c.x() + s / 2, c.y());
        tri.lineTo(c.x() - s / 2.5, c.y() + s / 2);
        tri.closeSubpath();
        p.setBrush(ink);
        p.drawPath(tri);
        p.setBrush(Qt::NoBrush);
        break;
    }
    case TaskStatus::Done:
        p.drawPolyline(QPolygonF({QPointF(c.x() - s / 2, c.y()), QPointF(c.x() - s / 8, c.y() + s / 2.5),
                                  QPointF(c.x() + s / 2, c.y() - s / 2)}));
        break;
    case TaskStatus::Cancelled:
        p.drawLine(QPointF(c.x() - s / 2.5, c.y() - s / 2.5), QPointF(c.x() + s / 2.5, c.y() + s / 2.5));
        p.drawLine(QPointF(c.x() - s / 2.5, c.y() + s / 2.5), QPointF(c.x() + s / 2.5, c.y() - s / 2.5));
        break;
    case TaskStatus::Failed:
        p.drawLine(QPointF(c.x(), c.y() - s / 2), QPointF(c.x(), c.y() + s / 8));
        p.drawPoint(QPointF(c.x(), c.y() + s / 2.2));
        break;
    default:
        break;
    }
}

}  // namespace

StateStyle::StateStyle(const QPalette &palette) : m_palette(palette) {}

QString StateStyle::moreText(qint64 n)
{
    return QStringLiteral("+") + QLocale().toString(n);
}

QString StateStyle::waitLabel(WaitKind wait)
{
    switch (wait) {
    case WaitKind::None: return tr("waiting");
    case WaitKind::Yield: return tr("yield");
    case WaitKind::Sleep: return tr("sleeping");
    case WaitKind::QueueGet: return tr("queue get");
    case WaitKind::QueuePut: return tr("queue put");
    case WaitKind::QueueJoin: return tr("queue join");
    case WaitKind::Semaphore: return tr("semaphore");
    case WaitKind::Lock: return tr("lock");
    case WaitKind::AsyncioEvent: return tr("event");
    case WaitKind::Condition: return tr("condition");
    case WaitKind::Task: return tr("another task");
    case WaitKind::Gather: return tr("gather");
    case WaitKind::Wait: return tr("wait");
    case WaitKind::TaskGroup: return tr("task group");
    case WaitKind::Shield: return tr("shield");
    case WaitKind::Future: return tr("future");
    case WaitKind::IO: return tr("I/O");
    case WaitKind::Bucket: return tr("token bucket");
    }
    return tr("waiting");
}

QString StateStyle::waitPhrase(WaitKind wait, const QString &target)
{
    if (target.isEmpty()) return waitLabel(wait);
    switch (wait) {
    case WaitKind::QueueGet: return tr("get() on queue %1").arg(target);
    case WaitKind::QueuePut: return tr("put() on queue %1").arg(target);
    case WaitKind::QueueJoin: return tr("join() on queue %1").arg(target);
    case WaitKind::Semaphore: return tr("semaphore %1").arg(target);
    case WaitKind::Lock: return tr("lock %1").arg(target);
    case WaitKind::AsyncioEvent: return tr("event %1").arg(target);
    case WaitKind::Condition: return tr("condition %1").arg(target);
    case WaitKind::Bucket: return tr("token bucket %1").arg(target);
    case WaitKind::Task: return tr("task %1").arg(target);
    case WaitKind::Shield: return tr("shielded task %1").arg(target);
    default: return waitLabel(wait) + QLatin1Char(' ') + target;
    }
}

QString StateStyle::waitTarget(const trace::TraceState &state, WaitKind wait, std::uint32_t object)
{
    switch (wait) {
    case WaitKind::QueueGet:
    case WaitKind::QueuePut:
    case WaitKind::QueueJoin:
    case WaitKind::Semaphore:
    case WaitKind::Lock:
    case WaitKind::AsyncioEvent:
    case WaitKind::Condition:
    case WaitKind::Bucket: return objectName(state, object);
    case WaitKind::Task:
    case WaitKind::Shield: return taskName(state, object);
    default: return {};
    }
}

QString StateStyle::waitKey(WaitKind wait, const QString &target)
{
    const std::string_view s = aio::to_string(wait);
    const QString kind = QString::fromLatin1(s.data(), qsizetype(s.size()));
    return target.isEmpty() ? kind : kind + QLatin1Char(' ') + target;
}

StateStyle::Look StateStyle::look(TaskStatus status, WaitKind wait)
{
    switch (status) {
    case TaskStatus::Created: return {kGrey.lighter(120), Qt::Dense6Pattern, tr("new")};
    case TaskStatus::Ready: return {kYellow, Qt::Dense5Pattern, tr("ready")};
    case TaskStatus::Running: return {kGreen, Qt::SolidPattern, tr("running")};
    case TaskStatus::Done: return {kGrey, Qt::SolidPattern, tr("done")};
    case TaskStatus::Failed: return {kVermillion, Qt::SolidPattern, tr("failed")};
    case TaskStatus::Cancelled: return {kDarkGrey, Qt::SolidPattern, tr("cancelled")};
    case TaskStatus::Waiting: break;
    }
    const QString label = waitLabel(wait);
    switch (wait) {
    case WaitKind::Sleep: return {kSkyBlue, Qt::HorPattern, label};
    case WaitKind::Yield: return {kYellow, Qt::Dense5Pattern, label};
    case WaitKind::QueueGet: return {kOrange, Qt::FDiagPattern, label};
    case WaitKind::QueuePut: return {kOrange, Qt::BDiagPattern, label};
    case WaitKind::QueueJoin: return {kOrange, Qt::DiagCrossPattern, label};
    case WaitKind::Semaphore: return {kBlue, Qt::CrossPattern, label};
    case WaitKind::Lock: return {kBlue, Qt::DiagCrossPattern, label};
    case WaitKind::Bucket: return {kBlue, Qt::VerPattern, label};
    case WaitKind::AsyncioEvent: return {kPurple, Qt::VerPattern, label};
    case WaitKind::Condition: return {kPurple, Qt::Dense3Pattern, label};
    case WaitKind::Task: return {kPurple, Qt::FDiagPattern, label};
    case WaitKind::Gather: return {kPurple, Qt::BDiagPattern, label};
    case WaitKind::Wait: return {kPurple, Qt::DiagCrossPattern, label};
    case WaitKind::TaskGroup: return {kPurple, Qt::CrossPattern, label};
    case WaitKind::Shield: return {kPurple, Qt::Dense4Pattern, label};
    case WaitKind::Future:
    case WaitKind::IO: return {kPurple, Qt::HorPattern, label};
    case WaitKind::None: break;
    }
    return {kPurple, Qt::Dense6Pattern, label};
}

QColor StateStyle::textOn(const QColor &fill)
{
    // Relative luminance (sRGB, approximated with gamma 2.2): dark text on light fills.
    // Remembered per colour: the timeline asks for every patterned box it paints, and the
    // states have only a handful of colours.
    thread_local QHash<QRgb, bool> darkOn;
    const QRgb rgb = fill.rgb();
    auto known = darkOn.constFind(rgb);
    if (known == darkOn.cend()) {
        const auto lin = [](qreal c) { return std::pow(c, 2.2); };
        const qreal y = 0.2126 * lin(fill.redF()) + 0.7152 * lin(fill.greenF()) + 0.0722 * lin(fill.blueF());
        if (darkOn.size() > 4096) darkOn.clear();  // arbitrary colours must not grow it forever
        known = darkOn.insert(rgb, y > 0.18);
    }
    return *known ? QColor(Qt::black) : QColor(Qt::white);
}

QColor StateStyle::panel() const
{
    return mix(background(), text(), 0.06);
}

QColor StateStyle::dimText() const
{
    return mix(text(), background(), 0.35);
}

QColor StateStyle::lines() const
{
    return mix(text(), background(), 0.6);
}

QColor StateStyle::warning() const
{
    // Vermillion is the failed state's colour: a warning is the same family, darker on light
    // backgrounds and lighter on dark ones so that text in it stays readable.
    return isDark() ? mix(kVermillion, kOrange, 0.45).lighter(125) : kVermillion.darker(118);
}

QColor StateStyle::warningFill() const
{
    return mix(background(), kOrange, isDark() ? 0.22 : 0.18);
}

void StateStyle::paintStateBox(QPainter &p, const QRectF &rect, TaskStatus status, WaitKind wait)
{
    const Look l = look(status, wait);
    p.fillRect(rect, l.color);
    if (l.pattern != Qt::SolidPattern) {
        QColor ink = textOn(l.color);
        ink.setAlpha(110);
        p.fillRect(rect, QBrush(ink, l.pattern));
    }
}

void StateStyle::paintToken(QPainter &p, const QRectF &rect, const QString &name, TaskStatus status, WaitKind wait,
                            qreal opacity) const
{
    if (rect.width() < 2 || rect.height() < 2) return;
    p.save();
    p.setOpacity(p.opacity() * opacity);
    p.setRenderHint(QPainter::Antialiasing, true);
    const Look l = look(status, wait);
    const qreal radius = std::min<qreal>(6, rect.height() / 3);
    QPainterPath shape;
    shape.addRoundedRect(rect, radius, radius);
    p.fillPath(shape, l.color);

    const qreal band = std::min(rect.height(), std::max<qreal>(10, rect.width() / 4));
    const QRectF bandRect(rect.left(), rect.top(), std::min(band, rect.width()), rect.height());
    const QColor ink = textOn(l.color);
    p.save();
    p.setClipPath(shape);
    if (l.pattern != Qt::SolidPattern) {
        QColor patternInk = ink;
        patternInk.setAlpha(150);
        p.fillRect(bandRect, QBrush(patternInk, l.pattern));
    } else {
        paintGlyph(p, bandRect, status, ink);
    }
    p.restore();

    p.setPen(QPen(l.color.darker(170), 1));
    p.setBrush(Qt::NoBrush);
    p.drawPath(shape);

    const QRectF textRect = rect.adjusted(bandRect.width() + 3, 0, -3, 0);
    if (textRect.width() > 6) {
        QFont f = p.font();
        f.setPixelSize(int(std::clamp<qreal>(rect.height() * 0.5, 8, 13)));
        p.setFont(f);
        p.setPen(ink);
        const QString shown = p.fontMetrics().elidedText(name, Qt::ElideMiddle, int(textRect.width()));
        p.drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft, shown);
    }
    p.restore();
}

QString StateStyle::taskName(const trace::TraceState &state, std::uint32_t id)
{
    if (id == 0) return QStringLiteral("-");
    const trace::TaskInfo *t = state.task(id);
    if (!t || t->name.empty()) return QStringLiteral("#%1").arg(id);
    return fromView(t->name);
}

QString StateStyle::objectName(const trace::TraceState &state, std::uint32_t id)
{
    const trace::ObjectInfo *o = state.object(id);
    if (!o || o->name.empty()) return QStringLiteral("#%1").arg(id);
    return fromView(o->name);
}

QString StateStyle::seconds(double s)
{
    // The default locale follows the interface language: "1,250 s" in German, as the player bar writes it.
    return QLocale().toString(s, 'f', 3) + QStringLiteral(" s");
}

QString StateStyle::fileLine(const trace::SourceLoc &loc)
{
    if (!loc.known()) return QStringLiteral("?");
    const std::string_view file = trace::source_basename(loc.file);
    return QString::fromUtf8(file.data(), qsizetype(file.size())) + QLatin1Char(':') + QString::number(loc.line);
}

void StateStyle::paintHeading(QPainter &painter, const QRectF &rect, const QString &text, QFont base) const
{
    base.setBold(true);
    painter.setFont(base);
    painter.setPen(this->text());
    painter.drawText(rect, Qt::AlignLeft | Qt::AlignVCenter,
                     painter.fontMetrics().elidedText(text, Qt::ElideRight, int(rect.width())));
}

void StateStyle::paintWarningSign(QPainter &painter, const QRectF &rect) const
{
    const qreal s = std::min(rect.width(), rect.height());
    if (s < 4) return;
    const QRectF r(rect.center().x() - s / 2, rect.center().y() - s / 2, s, s);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    QPainterPath tri;
    tri.moveTo(r.center().x(), r.top() + s * 0.04);
    tri.lineTo(r.right() - s * 0.02, r.bottom() - s * 0.06);
    tri.lineTo(r.left() + s * 0.02, r.bottom() - s * 0.06);
    tri.closeSubpath();
    painter.setPen(QPen(kOrange.darker(isDark() ? 100 : 150), std::max<qreal>(1, s / 14), Qt::SolidLine, Qt::RoundCap,
                        Qt::RoundJoin));
    painter.setBrush(kOrange);
    painter.drawPath(tri);
    const qreal x = r.center().x();
    painter.setPen(QPen(Qt::black, std::max<qreal>(1.2, s / 8), Qt::SolidLine, Qt::RoundCap));
    painter.drawLine(QPointF(x, r.top() + s * 0.36), QPointF(x, r.top() + s * 0.64));
    painter.drawPoint(QPointF(x, r.top() + s * 0.79));
    painter.restore();
}

void StateStyle::paintCaption(QPainter &painter, const QRectF &rect, const QString &text, QFont base) const
{
    base.setPixelSize(10);
    base.setItalic(true);
    painter.setFont(base);
    painter.setPen(dimText());
    painter.drawText(rect, Qt::AlignLeft | Qt::AlignVCenter,
                     painter.fontMetrics().elidedText(text, Qt::ElideRight, int(rect.width())));
}
