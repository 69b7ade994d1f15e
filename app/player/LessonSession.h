#pragma once

// moc (Qt 6.4, with CMake 3.25's C++17 predefines) cannot parse <concepts>, which the
// lesson headers pull in; moc needs none of these declarations.
#ifndef Q_MOC_RUN
#include <lessons/lesson.hpp>
#endif
#include "player/ProgramTracer.h"

#include <trace/recorder.hpp>
#include <trace/state_seeker.hpp>

#include <QObject>
#include <QString>
#include <QTemporaryDir>
#include <QTimer>

#include <memory>
#include <vector>

// One lesson -- or a learner's own program (openProgram) -- with its current parameters and the run they produce. Changing a
// parameter or the pitfall switch re-runs the scenario in virtual time at once
// (a lesson runs in well under a millisecond to a few ms) and emits runChanged().
// The recorder and seeker of the previous run are gone after runChanged(): anyone
// holding a TraceState or string_view from it must refresh in that signal.
class ProgramLesson;

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

    // A learner's own program instead of a lesson: lesson() is the program's ProgramLesson,
    // and every run goes through the harness (ProgramTracer) as an external run that grows
    // while CPython runs it. run false: nothing runs until runProgram() (the window says what
    // will run before the first run of a file it has not run before).
    void openProgram(std::shared_ptr<ProgramLesson> program, bool run);
    // A saved trace of a program: shown as the program's ended run; nothing runs until runProgram().
    void openTrace(std::shared_ptr<ProgramLesson> program, std::shared_ptr<trace::Recorder> recorder);
    const ProgramLesson *program() const { return m_program.get(); }
    bool isProgram() const { return m_program != nullptr; }
    // The editor's text, for the next run. The sliders follow its constants: true when they
    // changed (the values of unchanged constants are kept; paramsChanged() was emitted).
    // A text that does not parse keeps the sliders; *error then says why.
    bool setProgramSource(const QString &text, QString *error = nullptr);
    // Runs the program now (a run going on is stopped first), with the sliders' values.
    void runProgram();
    void stopProgram();
    // The default loop on the real clock for the next runs, instead of virtual time.
    void setRealTime(bool on) { m_realTime = on; }
    bool realTime() const { return m_realTime; }
    const ProgramTracer &tracer() const { return *m_tracer; }
    bool programRunning() const { return m_tracer->running(); }

signals:
    // A new run replaced the previous one (also after open()).
    void runChanged();
    // Parameters or the pitfall switch changed (emitted before runChanged()).
    void paramsChanged();
    // The external run recorded more events (or ended); the recorder is the same.
    void runGrew();
    // The external run ended: its trace is complete.
    void externalRunEnded();
    // A program run started or ended (tracer().status() says how).
    void programStatusChanged();

private:
    void rerun();
    void onProgramFinished();
    void makeTracer();
    // Ends the program shown (its process too), if any; then shows `program`, not run yet.
    void leaveProgram();
    void enterProgram(std::shared_ptr<ProgramLesson> program);

    const lessons::Lesson *m_lesson = nullptr;
    lessons::Params m_params;
    bool m_pitfall = false;
    lessons::Run m_run;
    std::unique_ptr<trace::StateSeeker> m_seeker;
    int m_runCount = 0;
    bool m_external = false;
    lessons::Run m_modelRun; // the model's run an external run replaced (for its quiz)
    bool m_externalRunning = false;

    std::shared_ptr<ProgramLesson> m_program;
    ProgramTracer *m_tracer = nullptr;
    QTemporaryDir m_sourceFolder;  // the editor's text is run from here
    QTimer m_growth;               // at most ~20 growth signals a second while a program runs
    bool m_realTime = false;
    bool m_programMayRun = false;
    std::vector<std::shared_ptr<ProgramLesson>> m_retiredPrograms; // edited away; panels may still point into them
};
