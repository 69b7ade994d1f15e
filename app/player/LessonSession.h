#pragma once

// moc (Qt 6.4, with CMake 3.25's C++17 predefines) cannot parse <concepts>, which the
// lesson headers pull in; moc needs none of these declarations.
#ifndef Q_MOC_RUN
#include <lessons/lesson.hpp>
#endif
#include <trace/recorder.hpp>
#include <trace/state_seeker.hpp>

#include <QObject>
#include <QString>

#include <memory>
#include <vector>

// One lesson with its current parameters and the run they produce. Changing a
// parameter or the pitfall switch re-runs the scenario in virtual time at once
// (a lesson runs in well under a millisecond to a few ms) and emits runChanged().
// The recorder and seeker of the previous run are gone after runChanged(): anyone
// holding a TraceState or string_view from it must refresh in that signal.
class LessonSession : public QObject
{
    Q_OBJECT

public:
    explicit LessonSession(QObject *parent = nullptr);
    ~LessonSession() override;

    // Opens a lesson at its defaults, pitfall off, and runs it. False: unknown id or a placeholder.
    bool open(const QString &lessonId);
    const lessons::Lesson *lesson() const { return m_lesson; }
    QString lessonId() const;

    const lessons::Params &params() const { return m_params; }
    double parameter(const QString &id) const;
    bool pitfall() const { return m_pitfall; }

    // Each re-runs (when the value really changes) and emits runChanged().
    // A value outside the parameter's range is clamped; an unknown id is ignored.
    void setParameter(const QString &id, double value);
    void setPitfall(bool on);
    void resetToDefaults();

    bool hasRun() const { return m_run.recorder != nullptr; }
    const lessons::Run &run() const { return m_run; }
    const trace::Recorder &recorder() const { return *m_run.recorder; }
    trace::StateSeeker &seeker() { return *m_seeker; }
    // Number of runs so far (tests see that a slider re-ran the scenario).
    int runCount() const { return m_runCount; }

    // The quiz for the current run, parameters and pitfall.
    std::vector<lessons::QuizQuestion> quiz() const;

signals:
    // A new run replaced the previous one (also after open()).
    void runChanged();
    // Parameters or the pitfall switch changed (emitted before runChanged()).
    void paramsChanged();

private:
    void rerun();

    const lessons::Lesson *m_lesson = nullptr;
    lessons::Params m_params;
    bool m_pitfall = false;
    lessons::Run m_run;
    std::unique_ptr<trace::StateSeeker> m_seeker;
    int m_runCount = 0;
};
