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

    // The quiz for the current run, parameters and pitfall (during an external run: the
    // quiz of the model's run it replaced, since the questions are about the model).
    std::vector<lessons::QuizQuestion> quiz() const;

    // An external run (a live run, recorded elsewhere in real time) replaces the model's
    // run: beginExternalRun() shows its recorder, empty or not (runChanged()); each
    // externalRunGrew() says that new events were recorded (runGrew()); endExternalRun()
    // completes it (runGrew(), then externalRunEnded()), and from then on it is an
    // ordinary run. Setting a parameter, the pitfall or showModelRun() returns to the model.
    void beginExternalRun(std::shared_ptr<trace::Recorder> recorder);
    void externalRunGrew();
    void endExternalRun(std::string log, double endTime, std::string error);
    bool isExternalRun() const { return m_external; }
    bool externalRunning() const { return m_external && m_externalRunning; }
    // Back to the model's run of the current parameters (a re-run, runChanged()).
    void showModelRun();

signals:
    // A new run replaced the previous one (also after open()).
    void runChanged();
    // Parameters or the pitfall switch changed (emitted before runChanged()).
    void paramsChanged();
    // The external run recorded more events (or ended); the recorder is the same.
    void runGrew();
    // The external run ended: its trace is complete.
    void externalRunEnded();

private:
    void rerun();

    const lessons::Lesson *m_lesson = nullptr;
    lessons::Params m_params;
    bool m_pitfall = false;
    lessons::Run m_run;
    std::unique_ptr<trace::StateSeeker> m_seeker;
    int m_runCount = 0;
    bool m_external = false;
    lessons::Run m_modelRun; // the model's run an external run replaced (for its quiz)
    bool m_externalRunning = false;
};
