#pragma once

#ifndef Q_MOC_RUN
#include <live/LiveBlocking.h>
#endif

#include <QWidget>

#include <vector>

// The loop-lag meter of the "never block the event loop" lesson live: one bar per heartbeat
// tick, as tall as the tick was late, on a scale that reaches the blocking call's length, and
// the last and the worst lag in words. While the loop is blocked the window cannot paint, so
// the meter stands still, and then shows the tall bar of the tick that waited.
class LagMeter : public QWidget
{
    Q_OBJECT

public:
    explicit LagMeter(QWidget *parent = nullptr);

    // The ticks so far and the length of one blocking call (the scale's top), seconds.
    void setTicks(const std::vector<live::HeartbeatTick> &ticks, double work);
    int tickCount() const { return int(m_ticks.size()); }
    double worstLag() const { return m_worst; }
    // "last 1.2 ms · worst 1,003.4 ms · 37 ticks", in the UI language.
    QString summary() const;

    QSize sizeHint() const override { return {420, 120}; }
    QSize minimumSizeHint() const override { return {200, 90}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    std::vector<live::HeartbeatTick> m_ticks;
    double m_work = 1.0;
    double m_worst = 0;
};
