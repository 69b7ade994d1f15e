#pragma once

#include <aio/trace_event.hpp>
#include <trace/trace_state.hpp>

#include <QString>
#include <QWidget>

// A custom-painted view of one aspect of a run at the player's cursor.
//
// setState() is the only way data comes in. A view copies what it draws into its
// own Qt values there: it never keeps the TraceState, its string_views or the
// event past the call (the run behind them may be replaced right after).
// Changes between two states animate (tokens glide to their new place) unless
// setAnimated(false) (tests, screenshots, scrubbing).
//
// describe() prints what the view shows as plain text, one fact per line, so
// tests can compare a view with the TraceState it was given.
class TraceView : public QWidget
{
    Q_OBJECT

public:
    explicit TraceView(QWidget *parent = nullptr);

    virtual void setState(const trace::TraceState &state, const aio::TraceEvent *current) = 0;
    virtual QString describe() const = 0;
    // Whether the current run gives this view anything to show (a queue view without queues: no).
    virtual bool hasContent() const { return true; }

    void setAnimated(bool on) { m_animated = on; }
    bool animated() const { return m_animated; }

protected:
    // The tool tip at a point of the view (what a token or segment there shows,
    // with its state in words); empty: none. TraceView::event() shows it.
    virtual QString toolTipAt(const QPoint &pos) const
    {
        Q_UNUSED(pos);
        return {};
    }
    bool event(QEvent *event) override;
    // Places what the view draws for its current size, font and language; the base class
    // calls it on every resize, font change and language change (animate: false).
    virtual void relayout(bool animate) { Q_UNUSED(animate); }
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

    bool m_animated = true;
};
