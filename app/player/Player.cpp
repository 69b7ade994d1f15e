#include "player/Player.h"

#include "player/LessonSession.h"

#include <algorithm>
#include <cmath>

namespace {

// A 60 Hz tick: smooth enough for the views, cheap enough for the seeker.
constexpr int tickMs = 16;
// How far currentLocatedEvent() looks back before it gives up.
constexpr std::size_t locatedLookBack = 4096;

const trace::TraceState &emptyState()
{
    static const trace::TraceState state;
    return state;
}

}  // namespace

Player::Player(LessonSession *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(tickMs);
    connect(&m_timer, &QTimer::timeout, this, &Player::onTick);
    connect(m_session, &LessonSession::runChanged, this, &Player::onRunChanged);
    connect(m_session, &LessonSession::runGrew, this, &Player::onRunGrew);
    buildPresentation();
}

double Player::beatSeconds()
{
    return 0.08;
}

std::size_t Player::length() const
{
    return m_session->hasRun() ? m_session->recorder().size() : 0;
}

double Player::fraction() const
{
    const std::size_t n = length();
    return n == 0 ? 0.0 : static_cast<double>(m_cursor) / static_cast<double>(n);
}

const trace::TraceState &Player::state() const
{
    if (!m_session->hasRun())
        return emptyState();
    return m_session->seeker().seek(m_cursor);
}

const aio::TraceEvent *Player::currentEvent() const
{
    if (m_cursor == 0 || m_cursor > length())
        return nullptr;
    return &m_session->recorder()[m_cursor - 1];
}

const aio::TraceEvent *Player::currentLocatedEvent() const
{
    if (m_cursor == 0 || m_cursor > length())
        return nullptr;
    const trace::Recorder &recorder = m_session->recorder();
    const std::size_t stop = m_cursor > locatedLookBack ? m_cursor - locatedLookBack : 0;
    for (std::size_t i = m_cursor; i > stop; --i) {
        const aio::TraceEvent &event = recorder[i - 1];
        if (event.file != nullptr)
            return &event;
    }
    return nullptr;
}

double Player::duration() const
{
    return m_presentation.empty() ? 0.0 : m_presentation.back();
}

void Player::seek(std::size_t n)
{
    n = std::min(n, length());
    const bool changed = n != m_cursor;
    m_cursor = n;
    if (playing())
        m_playhead = playheadAt(m_cursor);
    // During a live run: at the end follows the head, anywhere else stays there.
    setFollowing(m_session->externalRunning() && !playing() && m_cursor >= length());
    if (changed)
        emit cursorChanged(m_cursor);
}

void Player::seekFraction(double f)
{
    if (!(f >= 0.0))  // also NaN
        f = 0.0;
    f = std::min(f, 1.0);
    seek(static_cast<std::size_t>(std::llround(f * static_cast<double>(length()))));
}

void Player::stepForward()
{
    if (m_cursor < length())
        seek(m_cursor + 1);
}

void Player::stepBack()
{
    if (m_cursor > 0)
        seek(m_cursor - 1);
}

// Cursor positions between two loop iterations are the boundaries: 0, the end, and every n
// whose events n-1 and n belong to different iterations. The trace is ordered by iteration,
// so both jumps are binary searches.
void Player::nextIteration()
{
    const std::size_t n = length();
    if (m_cursor >= n)
        return;
    const trace::Recorder &recorder = m_session->recorder();
    const std::uint64_t current = recorder[m_cursor].iteration;
    // The first event after the iteration the next event belongs to.
    seek(firstIndexWhere(m_cursor, n, [&](const aio::TraceEvent &e) { return e.iteration > current; }));
}

void Player::previousIteration()
{
    if (m_cursor == 0 || m_cursor > length())
        return;
    const trace::Recorder &recorder = m_session->recorder();
    const std::uint64_t current = recorder[m_cursor - 1].iteration;
    // The first event of the iteration the cursor just passed into: if the cursor already
    // stood at its start, event cursor-1 belongs to the previous iteration, whose start it is.
    seek(firstIndexWhere(0, m_cursor - 1, [&](const aio::TraceEvent &e) { return e.iteration >= current; }));
}

void Player::toStart()
{
    seek(0);
}

void Player::toEnd()
{
    seek(length());
}

void Player::play()
{
    if (playing() || length() == 0)
        return;
    if (m_cursor >= length())
        seek(0);
    m_playhead = playheadAt(m_cursor);
    m_clock.start();
    m_timer.start();
    emit playingChanged(true);
}

void Player::pause()
{
    if (m_following) {
        // Pausing a live run's head: the cursor stays where it is while the run goes on.
        setFollowing(false);
        return;
    }
    if (!playing())
        return;
    m_timer.stop();
    emit playingChanged(false);
}

void Player::togglePlay()
{
    if (playing() || m_following)
        pause();
    else
        play();
}

void Player::restart()
{
    seek(0);  // while playing, this also moves the playhead
    play();
}

void Player::setSpeed(double speed)
{
    if (!(speed >= minSpeed))  // also NaN
        speed = minSpeed;
    speed = std::min(speed, maxSpeed);
    if (speed == m_speed)
        return;
    m_speed = speed;
    emit speedChanged(m_speed);
}

void Player::onRunChanged()
{
    if (m_session->externalRunning()) {
        // A live run starts: follow it from its first event on.
        if (playing()) {
            m_timer.stop();
            emit playingChanged(false);
        }
        buildPresentation();
        m_cursor = length();
        setFollowing(true);
        emit runReplaced();
        emit cursorChanged(m_cursor);
        return;
    }
    setFollowing(false);
    const double keep = m_length == 0 ? 0.0 : static_cast<double>(m_cursor) / static_cast<double>(m_length);
    buildPresentation();
    m_cursor = std::min(length(), static_cast<std::size_t>(std::llround(keep * static_cast<double>(length()))));
    if (playing())
        m_playhead = playheadAt(m_cursor);
    emit runReplaced();
    // Always: even the same number means a different state now.
    emit cursorChanged(m_cursor);
    if (playing() && m_cursor >= length()) {
        m_timer.stop();
        emit playingChanged(false);
    }
}

void Player::onRunGrew()
{
    extendPresentation();
    const bool follow = m_following;
    if (!m_session->externalRunning())
        setFollowing(false); // the run ended: an ordinary trace from here on
    emit runGrew();
    if (follow) {
        m_cursor = length();
        emit cursorChanged(m_cursor);
    }
}

void Player::setFollowing(bool on)
{
    if (on == m_following)
        return;
    m_following = on;
    emit followingChanged(on);
}

void Player::onTick()
{
    const double elapsed = static_cast<double>(m_clock.restart()) / 1000.0;
    m_playhead += elapsed * m_speed;
    // Number of events whose presentation time has come; never backwards.
    const auto reached = std::upper_bound(m_presentation.begin(), m_presentation.end(), m_playhead);
    const auto n = std::max(m_cursor, static_cast<std::size_t>(reached - m_presentation.begin()));
    if (n != m_cursor) {
        m_cursor = n;
        emit cursorChanged(m_cursor);
    }
    if (m_cursor >= length()) {
        m_timer.stop();
        emit playingChanged(false);
        // Caught up with a live run: follow its head again.
        setFollowing(m_session->externalRunning());
    }
}

void Player::buildPresentation()
{
    m_presentation.clear();
    m_length = 0;
    extendPresentation();
}

void Player::extendPresentation()
{
    // Only the events recorded since the last call: a growing run costs O(new events).
    const std::size_t from = m_length;
    m_length = length();
    if (m_length == 0 || from >= m_length)
        return;
    const trace::Recorder &recorder = m_session->recorder();
    m_presentation.reserve(m_length);
    if (from == 0)
        m_presentation.push_back(0.0);
    for (std::size_t i = std::max<std::size_t>(from, 1); i < m_length; ++i) {
        const aio::TraceEvent &previous = recorder[i - 1];
        const aio::TraceEvent &event = recorder[i];
        double t = m_presentation.back() + static_cast<double>(event.time_ns - previous.time_ns) / 1e9;
        if (event.iteration != previous.iteration)
            t += beatSeconds();
        m_presentation.push_back(t);
    }
}

double Player::playheadAt(std::size_t cursor) const
{
    // Playing on from cursor n: the presentation time of the last event shown.
    if (cursor == 0 || m_presentation.empty())
        return 0.0;
    return m_presentation[std::min(cursor, m_presentation.size()) - 1];
}

template <class Predicate>
std::size_t Player::firstIndexWhere(std::size_t from, std::size_t to, Predicate predicate) const
{
    // The predicate is false, then true over [from, to): the first true index, or `to`.
    const trace::Recorder &recorder = m_session->recorder();
    while (from < to) {
        const std::size_t middle = from + (to - from) / 2;
        if (predicate(recorder[middle]))
            to = middle;
        else
            from = middle + 1;
    }
    return from;
}
