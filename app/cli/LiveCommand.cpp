#include "cli/LiveCommand.h"

#include "cli/Print.h"
#include "player/LiveController.h"
#include "cli/AssignedParams.h"
#include "cli/Complain.h"
#include "cli/TraceJsonFile.h"

#include <live/DemoServer.h>
#include <live/Http2Front.h>
#include <live/HttpSession.h>
#include <live/LiveBlocking.h>
#include <live/LiveThreads.h>
#include <live/LiveDatabase.h>
#include <live/LiveHttp.h>
#include <live/LiveVariants.h>
#include <live/LiveRun.h>
#include <lessons/param_input.hpp>


#include <cstdio>
#include <exception>
#include <string>

namespace {

} // namespace


int LiveCommand::run(const Invocation &invocation)
{
    const lessons::Lesson *lesson = live::liveLesson(invocation.lessonId);
    if (!lesson) {
        complain(tr("internal error: the lesson '%1' has no live variant").arg(invocation.lessonId));
        return 1;
    }
    lessons::Params params = assignedParams(*lesson, invocation.assignments);

    // Refuse a trace file that cannot be written before running, so nothing runs in vain.
    const TraceJsonFile traceFile(invocation.traceJsonPath);
    if (const QString problem = traceFile.check(); !problem.isEmpty()) {
        complain(problem);
        return 2;
    }

    if (invocation.lessonId == QLatin1String("database"))
        return runDatabase(invocation, params, traceFile);
    if (invocation.lessonId == QLatin1String("blocking"))
        return runBlocking(invocation, params, traceFile);
    if (invocation.lessonId == QLatin1String("threads")) {
        if (traceFile.wanted()) {
            complain(tr("the threads lesson measures live, it records no trace: --trace-json does not apply"));
            return 2;
        }
        return runThreads(invocation, params);
    }

    // Without --url: the demo server, behaving as the model's server does.
    live::DemoServer server(live::LiveHttp::modelServer());
    QUrl base(invocation.liveUrl);
    const bool ownServer = invocation.liveUrl.isEmpty();
    if (ownServer) {
        QString error;
        if (!server.start(0, &error)) {
            complain(tr("cannot start the demo server on 127.0.0.1: %1").arg(error));
            return 1;
        }
        base = server.url();
    }
    // --http2 with the demo server: nghttpx in front of it speaks HTTP/2 to the client.
    live::Http2Front front;
    const bool ownFront = ownServer && invocation.http2;
    if (ownFront) {
        QString error;
        if (!front.start(server.url().port(), &error)) {
            //: %1: why (such as "HTTP/2 needs nghttpx (Debian package nghttp2-proxy)")
            complain(tr("cannot start the HTTP/2 front: %1").arg(error));
            return 1;
        }
        base = front.url();
    }

    live::LiveHttp scenario(params, invocation.pitfall, base);
    if (invocation.http2)
        scenario.setProtocol(live::HttpSession::Protocol::Http2);
    live::LiveRun run(scenario);
    run.setLogOutput(stdout); // the log as it happens
    QString error;
    if (!run.start(&error)) {
        complain(tr("the lesson '%1' could not run live: %2").arg(invocation.lessonId, error));
        return 1;
    }
    run.waitForFinished(-1); // every attempt has its timeout: the run ends by itself
    const live::LiveResult &result = run.result();
    const live::LiveHttpFigures &measured = scenario.measured();
    if (ownFront)
        front.stop(); // its access log is complete once it ended
    if (ownServer)
        server.stop();

    // Nothing ever answered: the server is not there (refused, unknown host, silent).
    const bool unreachable = measured.sent > 0 && measured.responses == 0;
    if (!unreachable) {
        QString summary = QStringLiteral("\n");
        for (const live::Figure &figure : result.figures)
            summary += figure.name + QStringLiteral(": ") + figure.value + QLatin1Char('\n');
        if (ownServer) {
            const live::ServerStats stats = server.stats();
            summary += QStringLiteral("connections accepted: %1\n").arg(stats.connectionsAccepted);
            summary += QStringLiteral("peak in flight at the server: %1\n").arg(stats.peakInFlight);
        }
        if (ownFront) {
            summary += QStringLiteral("client connections (HTTP/2): %1\n").arg(front.clientConnections());
            summary += QStringLiteral("requests multiplexed (HTTP/2): %1\n").arg(front.http2Requests());
        }
        print(stdout, summary);
    }

    if (traceFile.wanted()) {
        if (const QString problem = traceFile.write(*result.recorder); !problem.isEmpty()) {
            complain(problem);
            return 1;
        }
    }

    if (!result.error.empty()) {
        complain(tr("the live run of '%1' failed: %2").arg(invocation.lessonId, QString::fromStdString(result.error)));
        return 1;
    }
    if (unreachable) {
        const QString reason = !measured.lastError.isEmpty()
                                   ? measured.lastError
                                   //: %1: the timeout per attempt in seconds
                                   : tr("no answer within %1 s to any attempt").arg(params["timeout"]);
        //: %1: the URL as typed, %2: why (Qt's message, such as "Connection refused")
        complain(tr("cannot reach %1: %2").arg(base.toString(), reason));
        return 1;
    }
    return 0;
}

int LiveCommand::runDatabase(const Invocation &invocation, const lessons::Params &params,
                             const TraceJsonFile &traceFile)
{
    live::LiveDatabase scenario(params, invocation.pitfall, invocation.liveDatabase);
    live::LiveRun run(scenario);
    run.setLogOutput(stdout); // the log as it happens
    QString error;
    if (!run.start(&error)) {
        complain(tr("the lesson '%1' could not run live: %2").arg(invocation.lessonId, error));
        return 1;
    }
    run.waitForFinished(-1); // every statement has its command timeout: the run ends by itself
    const live::LiveResult &result = run.result();
    const live::LiveDatabaseFigures &measured = scenario.measured();

    // A database that could not be opened has nothing to sum up.
    const bool unreachable = measured.totalBefore < 0;
    if (!unreachable) {
        QString summary = QStringLiteral("\n");
        for (const live::Figure &figure : result.figures)
            summary += figure.name + QStringLiteral(": ") + figure.value + QLatin1Char('\n');
        print(stdout, summary);
    }
    if (traceFile.wanted()) {
        if (const QString problem = traceFile.write(*result.recorder); !problem.isEmpty()) {
            complain(problem);
            return 1;
        }
    }
    if (unreachable) {
        const QString reason = !measured.lastError.isEmpty() ? measured.lastError : QString::fromStdString(result.error);
        //: %1: where ("SQLite at /tmp/x.sqlite", "PostgreSQL at 127.0.0.1:5432/bank"); %2: why
        complain(tr("cannot use the database (%1): %2").arg(LiveController::describeDatabase(invocation.liveDatabase), reason));
        return 1;
    }
    if (!result.error.empty()) {
        complain(tr("the live run of '%1' failed: %2").arg(invocation.lessonId, QString::fromStdString(result.error)));
        return 1;
    }
    return 0;
}

int LiveCommand::runBlocking(const Invocation &invocation, const lessons::Params &params, const TraceJsonFile &traceFile)
{
    // The fix first, then the pitfall: the summary puts the two side by side.
    QList<bool> variants{false, true};
    if (invocation.pitfall)
        variants = {true};
    QList<live::LiveBlockingFigures> measured;
    std::shared_ptr<trace::Recorder> lastRecorder;
    for (const bool pitfall : variants) {
        print(stdout, pitfall ? QStringLiteral("== blocking: the calls run on the loop's thread ==\n")
                              : QStringLiteral("== to_thread: the calls run on worker threads ==\n"));
        live::LiveBlocking scenario(params, pitfall);
        live::LiveRun run(scenario);
        run.setLogOutput(stdout); // the log as it happens
        QString error;
        if (!run.start(&error)) {
            complain(tr("the lesson '%1' could not run live: %2").arg(invocation.lessonId, error));
            return 1;
        }
        run.waitForFinished(-1); // three requests of at most a few seconds: it ends by itself
        const live::LiveResult &result = run.result();
        if (!result.error.empty()) {
            complain(tr("the live run of '%1' failed: %2").arg(invocation.lessonId, QString::fromStdString(result.error)));
            return 1;
        }
        QString summary = QStringLiteral("\n");
        const QString variant = pitfall ? QStringLiteral("blocking") : QStringLiteral("to_thread");
        for (const live::Figure &figure : result.figures)
            summary += variant + QStringLiteral(", ") + figure.name + QStringLiteral(": ") + figure.value + QLatin1Char('\n');
        print(stdout, summary + QLatin1Char('\n'));
        lastRecorder = result.recorder;
    }
    // The trace file holds the last run (with --pitfall: the blocking one; else also the blocking one).
    if (traceFile.wanted() && lastRecorder) {
        if (const QString problem = traceFile.write(*lastRecorder); !problem.isEmpty()) {
            complain(problem);
            return 1;
        }
    }
    return 0;
}

int LiveCommand::runThreads(const Invocation &invocation, const lessons::Params &params)
{
    Q_UNUSED(invocation);
    const int n = params.integer("n");
    live::LiveThreadsOptions options;
    // Each step on stderr, so a long measurement (a million coroutines) shows it is alive.
    options.progress = [](const QString &step) { print(stderr, step + QLatin1Char('\n')); };
    const live::ThreadsComparison result = live::LiveThreads::measure(n, options);
    QString head = QStringLiteral("n = %1 threads and %1 coroutines, measured on this machine").arg(n);
    if (result.python.ok)
        head += QStringLiteral(" (Python columns: CPython %1)").arg(result.python.pythonVersion);
    print(stdout, head + QStringLiteral("\n\n") + live::LiveThreads::table(result));
    if (!result.python.ok)
        print(stdout, QStringLiteral("Python columns: not measured: %1\n").arg(result.python.error));
    return 0;
}
