#include "player/LessonSession.h"

#include <lessons/param_input.hpp>

#include <utility>

LessonSession::LessonSession(QObject *parent)
    : QObject(parent)
{
}

LessonSession::~LessonSession()
{
    // The seeker refers to the run's recorder: it goes first.
    m_seeker.reset();
}

bool LessonSession::open(const QString &lessonId)
{
    const lessons::Lesson *lesson = lessons::find(lessonId.toStdString());
    if (!lesson || lesson->placeholder || !lesson->scenario)
        return false;
    m_lesson = lesson;
    m_params = lessons::defaults(*lesson);
    m_pitfall = false;
    emit paramsChanged();
    rerun();
    return true;
}

QString LessonSession::lessonId() const
{
    return m_lesson ? QString::fromStdString(m_lesson->id) : QString();
}

double LessonSession::parameter(const QString &id) const
{
    const auto it = m_params.values.find(id.toStdString());
    return it == m_params.values.end() ? 0.0 : it->second;
}

void LessonSession::setParameter(const QString &id, double value)
{
    if (!m_lesson)
        return;
    const std::string key = id.toStdString();
    const lessons::Parameter *parameter = lessons::find_parameter(*m_lesson, key);
    if (!parameter)
        return;
    // snap() rounds to the slider's grid (min + k * step) and clamps to [min, max].
    const double snapped = lessons::snap(*parameter, value);
    double &current = m_params.values[key];
    if (current == snapped)
        return;
    current = snapped;
    emit paramsChanged();
    rerun();
}

void LessonSession::setPitfall(bool on)
{
    if (!m_lesson || on == m_pitfall || (on && !m_lesson->has_pitfall))
        return;
    m_pitfall = on;
    emit paramsChanged();
    rerun();
}

void LessonSession::resetToDefaults()
{
    if (!m_lesson)
        return;
    lessons::Params defaults = lessons::defaults(*m_lesson);
    if (defaults.values == m_params.values && !m_pitfall)
        return;
    m_params = std::move(defaults);
    m_pitfall = false;
    emit paramsChanged();
    rerun();
}

std::vector<lessons::QuizQuestion> LessonSession::quiz() const
{
    if (!m_lesson || !m_lesson->quiz || !hasRun())
        return {};
    if (m_external)
        return m_modelRun.recorder ? m_lesson->quiz(m_modelRun, m_params, m_pitfall)
                                   : std::vector<lessons::QuizQuestion>{};
    return m_lesson->quiz(m_run, m_params, m_pitfall);
}

void LessonSession::beginExternalRun(std::shared_ptr<trace::Recorder> recorder)
{
    if (!m_lesson || !recorder)
        return;
    lessons::Run next;
    next.recorder = std::move(recorder);
    if (!m_external)
        m_modelRun = m_run;
    // The seeker indexes what is there now; later events are indexed by the seeks that reach them.
    auto nextSeeker = std::make_unique<trace::StateSeeker>(*next.recorder);
    std::swap(m_run, next);
    std::swap(m_seeker, nextSeeker);
    m_external = true;
    m_externalRunning = true;
    ++m_runCount;
    emit runChanged();
    nextSeeker.reset();
}

void LessonSession::externalRunGrew()
{
    if (externalRunning())
        emit runGrew();
}

void LessonSession::endExternalRun(std::string log, double endTime, std::string error)
{
    if (!externalRunning())
        return;
    m_run.log = std::move(log);
    m_run.end_time = endTime;
    m_run.error = std::move(error);
    m_externalRunning = false;
    m_seeker->index();
    emit runGrew();
    emit externalRunEnded();
}

void LessonSession::showModelRun()
{
    if (!m_lesson || !m_external)
        return;
    rerun();
}

void LessonSession::rerun()
{
    m_external = false;
    m_externalRunning = false;
    m_modelRun = {};
    lessons::Run next = lessons::run(*m_lesson, m_params, m_pitfall);
    // The seeker indexes the whole trace in its constructor, so every later seek is cheap.
    auto nextSeeker = std::make_unique<trace::StateSeeker>(*next.recorder);

    // Swap, but keep the previous run and seeker alive until every slot of runChanged()
    // has let go of them (a view may still read its old state before it refreshes).
    std::swap(m_run, next);
    std::swap(m_seeker, nextSeeker);
    ++m_runCount;
    emit runChanged();
    nextSeeker.reset();  // the old seeker before the old recorder it points into
}
