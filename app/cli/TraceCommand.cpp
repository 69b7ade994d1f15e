#include "cli/TraceCommand.h"

#include "cli/Complain.h"
#include "cli/Print.h"
#include "cli/TraceJsonFile.h"

#include "player/ProgramTracer.h"

#include <trace/recorder.hpp>
#include <trace/text_log.hpp>
#include <trace/trace_file.hpp>

#include <QFile>
#include <QFileInfo>

#include <cstdio>
#include <map>

QByteArray TraceCommand::logLine(std::int64_t timeNs, const std::string &text)
{
    // The same digits as `dirigent run`: C locale, three decimals, whatever the UI language.
    char stamp[48];
    std::snprintf(stamp, sizeof stamp, "t=%.3f ", double(timeNs) / 1e9);
    return QByteArray(stamp) + QByteArray(text.data(), qsizetype(text.size())) + '\n';
}

QString TraceCommand::deadlockReport(const trace::Recorder &recorder)
{
    std::map<std::uint32_t, QString> names;
    QString report;
    for (const aio::TraceEvent &e : recorder) {
        if (e.kind == aio::TraceEventKind::TaskCreated)
            names[e.task] = QString::fromStdString(e.text);
        if (e.kind != aio::TraceEventKind::Deadlock)
            continue;
        if (report.isEmpty())
            report = tr("dirigent: deadlock at t=%1 s: nothing is ready and no timer is pending, but tasks still wait:")
                         .arg(static_cast<double>(e.time_ns) / 1e9, 0, 'f', 3)
                     + QLatin1Char('\n');
        const std::string_view file = trace::source_basename(e.file);
        const QString where = QString::fromUtf8(file.data(), qsizetype(file.size()));
        report += QStringLiteral("  ")
                  + tr("%1 waits on %2 at %3:%4").arg(names[e.task], QString::fromStdString(e.text), where).arg(e.line)
                  + QLatin1Char('\n');
    }
    return report;
}

int TraceCommand::outcome(const trace::Recorder &recorder, const QString &program)
{
    bool anyTask = false;
    for (const aio::TraceEvent &e : recorder)
        anyTask = anyTask || e.kind == aio::TraceEventKind::TaskCreated;
    const aio::TraceEvent &end = recorder.back();
    if (!anyTask) {
        complain(tr("'%1' never ran an event loop (no asyncio.run): there is nothing to show").arg(program));
        return 2;
    }
    switch (end.outcome) {
    case aio::Outcome::Deadlock:
        print(stderr, deadlockReport(recorder));
        return 1;
    case aio::Outcome::Exception:
        return 1; // the traceback is on stderr already (replay: the run_end's text says which)
    case aio::Outcome::None:
        complain(tr("the trace was cut short: %1").arg(QString::fromStdString(end.text)));
        return 1;
    case aio::Outcome::Result:
    case aio::Outcome::Cancelled:
        break;
    }
    return 0;
}

int TraceCommand::replay(const Invocation &invocation)
{
    const QString &path = invocation.traceFilePath;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        complain(tr("cannot read the trace '%1': %2").arg(path, file.errorString()));
        return 2;
    }
    const TraceJsonFile chromeFile(invocation.traceJsonPath);
    if (const QString problem = chromeFile.check(); !problem.isEmpty()) {
        complain(problem);
        return 2;
    }
    // Read in pieces: a trace may be large, and a hostile one must cost no more than its size.
    trace::Recorder recorder;
    trace::TraceReader reader(recorder);
    bool ok = true;
    while (ok && !file.atEnd()) {
        const QByteArray chunk = file.read(1 << 16);
        if (chunk.isEmpty() && file.error() != QFileDevice::NoError) {
            complain(tr("cannot read the trace '%1': %2").arg(path, file.errorString()));
            return 2;
        }
        ok = reader.feed(std::string_view(chunk.constData(), std::size_t(chunk.size())));
    }
    ok = ok && reader.finish();
    if (!ok) {
        //: %1: the file, %2: "line 3, column 17: what is wrong" (English, from the reader)
        complain(tr("'%1' is not a trace Dirigent can read: %2")
                     .arg(path, QString::fromStdString(reader.error()->to_string())));
        return 2;
    }
    for (const aio::TraceEvent &e : recorder) {
        if (e.kind == aio::TraceEventKind::Log)
            print(stdout, logLine(e.time_ns, e.text));
    }
    if (const aio::TraceEvent &end = recorder.back(); end.outcome == aio::Outcome::Exception)
        //: %1: the exception, like ValueError(no such page)
        complain(tr("the program ended with %1").arg(QString::fromStdString(end.text)));
    const auto program = reader.header().values.find("program");
    const int exitCode = outcome(recorder, program != reader.header().values.end()
                                               ? QString::fromStdString(program->second)
                                               : path);
    if (chromeFile.wanted()) {
        if (const QString problem = chromeFile.write(recorder); !problem.isEmpty()) {
            complain(problem);
            return 1;
        }
    }
    return exitCode;
}

int TraceCommand::run(const Invocation &invocation)
{
    const QString &program = invocation.programPath;
    const QFileInfo info(program);
    if (!info.exists()) {
        complain(tr("cannot trace '%1': there is no such file").arg(program));
        return 2;
    }
    if (info.isDir()) {
        complain(tr("cannot trace '%1': it is a folder, not a Python program").arg(program));
        return 2;
    }

    // Refuse output files that cannot be written before running, so nothing runs in vain.
    const TraceJsonFile chromeFile(invocation.traceJsonPath);
    const TraceJsonFile savedFile(invocation.savePath, TraceJsonFile::Format::Dirigent);
    for (const TraceJsonFile *file : {&chromeFile, &savedFile}) {
        if (const QString problem = file->check(); !problem.isEmpty()) {
            complain(problem);
            return 2;
        }
    }

    ProgramTracer tracer;
    std::size_t printed = 0;
    // The log as it comes: a real-time program's lines appear when it prints them.
    QObject::connect(&tracer, &ProgramTracer::eventsAdded, &tracer, [&](qsizetype, qsizetype to) {
        const trace::Recorder &recorder = tracer.recorder();
        for (; printed < std::size_t(to); ++printed) {
            const aio::TraceEvent &e = recorder[printed];
            if (e.kind == aio::TraceEventKind::Log)
                print(stdout, logLine(e.time_ns, e.text));
        }
    });

    ProgramTracer::Options options;
    options.program = program;
    options.realTime = invocation.realTime;
    options.assignments = invocation.assignments;
    options.timeLimitMs = invocation.timeoutMs;
    const ProgramTracer::Status status = tracer.runToEnd(options);

    switch (status) {
    case ProgramTracer::Status::NoPython:
        complain(tr("tracing a program needs Python 3 (python3, or the interpreter named by DIRIGENT_PYTHON); "
                    "it was not found"));
        return 2;
    case ProgramTracer::Status::NoHarness:
        complain(tr("the tracing harness (harness/dirigent_trace.py) is not installed beside %1")
                     .arg(QCoreApplication::applicationFilePath()));
        return 1;
    case ProgramTracer::Status::BadProgram:
        return 2; // the harness has said why, on stderr
    case ProgramTracer::Status::BrokenTrace:
        complain(tr("the tracing harness wrote a broken trace: %1").arg(tracer.problem()));
        return 1;
    case ProgramTracer::Status::Idle:
    case ProgramTracer::Status::Running:
    case ProgramTracer::Status::Finished:
    case ProgramTracer::Status::Stopped:
    case ProgramTracer::Status::Crashed:
        break;
    }

    const trace::Recorder &recorder = tracer.recorder();
    int exitCode = 0;
    if (status == ProgramTracer::Status::Crashed) {
        complain(tr("the tracing harness ended without finishing the trace (exit code %1): %2")
                     .arg(tracer.exitCode())
                     .arg(tracer.problem()));
        exitCode = 1;
    } else if (status == ProgramTracer::Status::Stopped) {
        //: %1: seconds, like 2.5
        complain(tr("stopped after %1 s: the program was still running").arg(invocation.timeoutMs / 1000.0));
        exitCode = 1;
    } else {
        exitCode = outcome(recorder, program);
    }

    trace::TraceHeader header = tracer.header();
    if (chromeFile.wanted()) {
        if (const QString problem = chromeFile.write(recorder); !problem.isEmpty()) {
            complain(problem);
            return 1;
        }
    }
    if (savedFile.wanted()) {
        if (const QString problem = savedFile.write(recorder, &header); !problem.isEmpty()) {
            complain(problem);
            return 1;
        }
    }
    return exitCode;
}
