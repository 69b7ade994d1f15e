#pragma once

#include <aio/trace_event.hpp>
#include <trace/trace_state.hpp>

#include <QColor>
#include <QFont>
#include <QCoreApplication>
#include <QPalette>
#include <QString>

#include <cstdint>
#include <string_view>

class QPainter;
class QRectF;

// How a task state looks in every view: a colour from the Okabe-Ito palette
// (distinguishable with the common colour-vision deficiencies), a brush pattern
// and a short label, so that a state never depends on colour alone. Background,
// text and line colours come from the widget's palette, so light and dark
// palettes both work.
class StateStyle
{
    Q_DECLARE_TR_FUNCTIONS(StateStyle)

public:
    // What a task state looks like.
    struct Look {
        QColor color;
        Qt::BrushStyle pattern = Qt::SolidPattern;  // SolidPattern: no overlay, a glyph instead
        QString label;                              // short, translated ("sleeping", "queue get")
    };

    explicit StateStyle(const QPalette &palette = QPalette());

    static Look look(trace::TaskStatus status, aio::WaitKind wait);
    static QColor color(trace::TaskStatus status, aio::WaitKind wait) { return look(status, wait).color; }
    static Qt::BrushStyle pattern(trace::TaskStatus status, aio::WaitKind wait) { return look(status, wait).pattern; }
    static QString label(trace::TaskStatus status, aio::WaitKind wait) { return look(status, wait).label; }
    // Translated name of what a task waits on ("queue get", "lock", "another task").
    static QString waitLabel(aio::WaitKind wait);
    // What a task waits on, as a phrase: "get() on queue jobs", "lock db", "task worker-1".
    // `target` is the object's or awaited task's name (may be empty).
    static QString waitPhrase(aio::WaitKind wait, const QString &target);
    // The name of what a wait refers to: the object's name for queue, semaphore, lock,
    // event and bucket waits, the awaited task's for task and shield waits; else empty.
    static QString waitTarget(const trace::TraceState &state, aio::WaitKind wait, std::uint32_t object);
    // The same in English for describe(): "Queue.get jobs", "task worker-1", "gather".
    static QString waitKey(aio::WaitKind wait, const QString &target);
    // Black or white, whichever reads better on `fill`.
    static QColor textOn(const QColor &fill);
    // "+N" beside a row that shows only some of its tasks or items; thousands grouped as the
    // interface language writes them ("+84,927", "+84.927").
    static QString moreText(qint64 n);

    // From the palette.
    QColor background() const { return m_palette.color(QPalette::Base); }
    QColor panel() const;   // a slightly different fill for boxes and slots
    QColor text() const { return m_palette.color(QPalette::Text); }
    QColor dimText() const; // captions
    QColor lines() const;   // outlines and rules
    QColor accent() const { return m_palette.color(QPalette::Highlight); }
    // Warnings (debug mode's slow-step report): an ink that reads on the background,
    // and a faint band to lay under a warning line.
    QColor warning() const;
    QColor warningFill() const;
    bool isDark() const { return background().lightnessF() < 0.5; }

    // A task token: a rounded rect in the state's colour, a band with the state's
    // pattern (or glyph) at the left and the name beside it.
    void paintToken(QPainter &painter, const QRectF &rect, const QString &name, trace::TaskStatus status,
                    aio::WaitKind wait, qreal opacity = 1.0) const;
    // A plain box filled with the state's colour and pattern (timeline segments, legend).
    static void paintStateBox(QPainter &painter, const QRectF &rect, trace::TaskStatus status, aio::WaitKind wait);
    // One line of text elided to its rect, left-aligned: an object's bold heading, or the
    // small dim italic caption under it. `base` is the widget's font.
    void paintHeading(QPainter &painter, const QRectF &rect, const QString &text, QFont base) const;
    void paintCaption(QPainter &painter, const QRectF &rect, const QString &text, QFont base) const;
    // A warning sign (a triangle with "!") centred in `rect`: painted, so it needs no font glyph.
    void paintWarningSign(QPainter &painter, const QRectF &rect) const;

    // Text helpers shared by the views (all copy: no string_view survives).
    static QString fromView(std::string_view text) { return QString::fromUtf8(text.data(), qsizetype(text.size())); }
    static QString taskName(const trace::TraceState &state, std::uint32_t id);
    static QString objectName(const trace::TraceState &state, std::uint32_t id);
    static QString seconds(double s);              // "1.250 s" ("1,250 s" in German)
    static QString fileLine(const trace::SourceLoc &loc);  // "scenario.cpp:42" or "?"

private:
    QPalette m_palette;
};
