#pragma once

#include <trace/recorder.hpp>
#include <trace/trace_file.hpp>

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <memory>

// A learner's own Python program, run under CPython by the tracing harness
// (harness/dirigent_trace.py, installed beside the executable) and read back as a trace.
//
// The harness writes Dirigent's trace format (core/trace/TRACE_FORMAT.md) on its standard
// output, one event per line; each line is fed to a trace::TraceReader as it arrives, so the
// recorder grows while the program runs and the views can follow it. The program's stderr (its
// traceback, the harness's notes) goes to ours, or is kept for the window (forwardStderr).
//
// stop() ends the child process for real (a program that never ends in real time); the trace
// then gets a closing RunEnd of its own, so what was recorded stays a complete trace.
class ProgramTracer : public QObject
{
    Q_OBJECT

public:
    enum class Status {
        Idle,
        Running,
        Finished,     // the harness ended and its trace is complete (the program may have failed or hung)
        Stopped,      // stop() or the time limit ended the child
        BadProgram,   // the harness refused the program (not readable, not Python, syntax error, --set)
        BrokenTrace,  // the harness's output is not a valid trace (problem() says where)
        NoPython,     // no python3 to run the harness with
        NoHarness,    // the harness is not installed beside the executable
        Crashed,      // the harness ended without a complete trace
    };

    struct Options {
        QString program;           // the .py file
        QString source;            // a file whose text runs as the program's (the editor's); empty: the program's own
        bool realTime = false;     // the default loop on the real clock instead of the virtual one
        QStringList assignments;   // NAME=VALUE, for the program's UPPER_CASE number constants
        int timeLimitMs = -1;      // wall-clock limit; negative: none
        bool forwardStderr = true; // the child's stderr straight to ours (the command line)
    };

    explicit ProgramTracer(QObject *parent = nullptr);
    ~ProgramTracer() override;

    // The harness script and the Python interpreter to run it with: $DIRIGENT_PYTHON or python3.
    static QString harnessPath();
    static QString pythonPath();

    // The program's UPPER_CASE number constants (the harness's --constants), read synchronously
    // (a second at most: nothing of the program runs). False with a sentence in *error when the
    // program cannot be read or does not parse.
    struct Constant {
        QString name;
        double value = 0;
        int line = 0;
        bool integer = false;
        bool switchValue = false; // True / False
    };
    static bool readConstants(const QString &program, const QString &source, QList<Constant> *constants,
                              QString *error);

    // Starts a run (a run going on is stopped first). The recorder is new for each run.
    void start(const Options &options);
    // Ends the child process at once (it is killed); the trace is closed with a RunEnd.
    void stop();
    // Runs to the end, with a local event loop (for the command line).
    Status runToEnd(const Options &options);

    Status status() const { return m_status; }
    bool running() const { return m_status == Status::Running; }
    // The trace so far. File names in its events point into the reader's storage: the shared
    // pointer keeps both alive, also after the next start().
    const trace::Recorder &recorder() const { return m_run->recorder; }
    std::shared_ptr<const trace::Recorder> sharedRecorder() const;
    // The same, for a session that shows the run while it grows (it only reads it).
    std::shared_ptr<trace::Recorder> recorderHandle() const;
    const trace::TraceHeader &header() const;
    // BrokenTrace: where and what; Crashed: the exit code; otherwise empty.
    QString problem() const { return m_problem; }
    // The child's stderr when it is not forwarded (at most 1 MiB kept).
    QByteArray standardError() const { return m_stderr; }
    int exitCode() const { return m_exitCode; }

signals:
    // New events were appended to the recorder (from, to).
    void eventsAdded(qsizetype from, qsizetype to);
    void finished(ProgramTracer::Status status);

private:
    void readLines();
    void processEnded(int exitCode, QProcess::ExitStatus exitStatus);
    void closeWithRunEnd(const QString &text);
    void finish(Status status);

    QProcess *m_process = nullptr;
    QTimer m_timeLimit;
    // One run's events and the reader that owns their file names, kept together.
    struct Run {
        trace::Recorder recorder;
        trace::TraceReader reader{recorder};
    };
    std::shared_ptr<Run> m_run;
    std::string m_stopText; // kept for the RunEnd event stop() appends
    Status m_status = Status::Idle;
    QString m_problem;
    QByteArray m_stderr;
    int m_exitCode = 0;
    bool m_stopping = false;
};
