#pragma once

#include <aio/trace_event.hpp>
#include <trace/trace_state.hpp>

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <cstddef>
#include <vector>

class LessonSession;

// A cursor over the session's trace and the clock that moves it while playing.
//
// The cursor n in [0, length()] means "the state after the first n events"
// (cursor 0: before anything happened). state() is always the seeker's state at
// the cursor, so a step back shows exactly what the step forward had shown.
//
// Playing follows virtual time: at speed 1, one second of the program's time
// takes one second. Events at the same instant would flash by, so each loop
// iteration also gets a short beat of presentation time (beatSeconds()); the
// presentation time of every event is computed once per run.
//
// When the session re-runs (a slider moved), the cursor keeps its fraction of the run.
//
// An external run that grows (a live run) is followed: while the cursor stands at the end
// it moves to the new end with every growth (followingHead()). A step back, a scrub or
// pausing it leaves the head; toEnd() (or playing up to the end) follows it again. Once the
// run ended, the player is what it is for any run.
class Player : public QObject
{
    Q_OBJECT

public:
    explicit Player(LessonSession *session, QObject *parent = nullptr);

    std::size_t cursor() const { return m_cursor; }
    std::size_t length() const;           // events in the run
    double fraction() const;              // cursor / length (0 for an empty run)
    const trace::TraceState &state() const;
    // The event the cursor just passed (event cursor-1); nullptr at 0.
    const aio::TraceEvent *currentEvent() const;
    // The newest event at or before the cursor that carries a source line
    // (a co_await, a create_task, a deadlock entry); nullptr if none.
    const aio::TraceEvent *currentLocatedEvent() const;

    bool playing() const { return m_timer.isActive(); }
    // A live run is going on and the cursor moves with its newest event.
    bool followingHead() const { return m_following; }
    double speed() const { return m_speed; }  // 0.1 .. 10
    static constexpr double minSpeed = 0.1;
    static constexpr double maxSpeed = 10.0;
    static double beatSeconds();              // presentation time per loop iteration

    // Total presentation time of the run at speed 1, in seconds.
    double duration() const;

public slots:
    void seek(std::size_t n);                 // clamped to [0, length()]
    void seekFraction(double f);              // clamped to [0, 1]
    void stepForward();
    void stepBack();
    void nextIteration();                     // to the first event of the next loop iteration (or the end)
    void previousIteration();                 // to the first event of this iteration, or of the previous one if already there
    void toStart();
    void toEnd();
    void play();                              // from the start if at the end
    void pause();
    void togglePlay();
    void restart();                           // to the start and play
    void setSpeed(double speed);              // clamped

signals:
    void cursorChanged(std::size_t cursor);   // also after a re-run (same fraction, new trace)
    void playingChanged(bool playing);
    void speedChanged(double speed);
    void runReplaced();                       // the session re-ran; emitted before cursorChanged
    void runGrew();                           // the run got longer; emitted before cursorChanged
    void followingChanged(bool following);

private:
    void onRunChanged();
    void onRunGrew();
    void setFollowing(bool on);
    void extendPresentation();
    void onTick();
    void buildPresentation();
    double playheadAt(std::size_t cursor) const;
    template <class Predicate>
    std::size_t firstIndexWhere(std::size_t from, std::size_t to, Predicate predicate) const;

    LessonSession *m_session;
    std::size_t m_cursor = 0;
    double m_speed = 1.0;
    QTimer m_timer;
    QElapsedTimer m_clock;
    double m_playhead = 0;                    // presentation seconds while playing
    std::vector<double> m_presentation;       // presentation time of each event
    std::size_t m_length = 0;                 // events of the run m_presentation was built for
    bool m_following = false;
};
