// live::measureThreads / measureTasks / measureSeries and the Python twin
// (lessons/threads/live_threads.py) with its QProcess runner. Behaviour only, never timings:
// how many were created, that every thread is joined at the end, that a limit stops creation
// with a message and nothing else, that a missing or broken Python is reported.
#include "live/PythonThreadsMeasurement.h"
#include "live/ThreadsMeasurement.h"

#include <aio/aio.hpp>

#include <QFile>
#include <QLocale>
#include <QProcess>
#include <QStandardPaths>
#include <QtTest>

#include <atomic>
#include <thread>

using namespace live;

namespace {

QByteArray readScript()
{
    QFile file(QStringLiteral(LIVE_THREADS_SCRIPT));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

PythonThreadsOptions python()
{
    PythonThreadsOptions options;
    options.interpreter = QStringLiteral(DIRIGENT_PYTHON);
    options.timeoutMs = 60000;
    return options;
}

PythonThreadsResult runSource(const QByteArray &source, int timeoutMs = 60000)
{
    PythonThreadsOptions options = python();
    options.timeoutMs = timeoutMs;
    return measurePythonThreadsSource(source, 10, options);
}

// The figures every complete measurement has, whatever the machine.
void checkSane(const UnitFigures &f)
{
    QVERIFY(f.createSeconds >= 0);
    QVERIFY(f.wakeSeconds >= 0);
    QVERIFY(f.rssBytes >= 0);
    QVERIFY(f.reservedBytes >= 0);
    QVERIFY(f.contextSwitches >= 0);
}

aio::Task<UnitFigures> measureTasksInsideALoop()
{
    co_return measureTasks(10);
}

} // namespace

class TestThreadsMeasurement : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void fiftyThreadsAreAllCreatedAndAllJoined()
    {
        const int threadsBefore = processThreadCount();
        QVERIFY(threadsBefore >= 1);
        const UnitFigures f = measureThreads(50);
        QCOMPARE(f.kind, UnitKind::Thread);
        QCOMPARE(f.requested, 50);
        QCOMPARE(f.created, 50);
        QCOMPARE(f.stop.reason, StopReason::None);
        QVERIFY(f.limitMessage.isEmpty());
        checkSane(f);
        QVERIFY(f.rssBytes > 0); // 50 stacks, each touched
        QCOMPARE(f.reservedBasis, ReservedBasis::StackSize);
        QVERIFY(defaultThreadStackBytes() > 0);
        QCOMPARE(f.reservedBytes, 50 * defaultThreadStackBytes());
        QCOMPARE(processThreadCount(), threadsBefore);
    }

    void tenThousandTasksAreAllCreatedAndAllEnd()
    {
#if defined(__SANITIZE_ADDRESS__)
        QSKIP("under AddressSanitizer its allocator holds the frames: the heap and RSS figures are not the program's");
#endif
        const int threadsBefore = processThreadCount();
        const UnitFigures f = measureTasks(10000);
        QCOMPARE(f.kind, UnitKind::Task);
        QCOMPARE(f.requested, 10000);
        QCOMPARE(f.created, 10000);
        QCOMPARE(f.stop.reason, StopReason::None);
        QVERIFY(f.limitMessage.isEmpty());
        checkSane(f);
        QCOMPARE(f.reservedBasis, ReservedBasis::HeapBytes);
        QVERIFY(f.reservedBytes > 0); // 10,000 coroutine frames
        QVERIFY(f.rssBytes > 0);
        QCOMPARE(processThreadCount(), threadsBefore); // no thread was needed
        QVERIFY(!aio::EventLoop::current());           // the loop is gone again
    }

    void aSecondMeasurementShowsTheMemoryAgain()
    {
#if defined(__SANITIZE_ADDRESS__)
        QSKIP("under AddressSanitizer its allocator holds the frames: the heap and RSS figures are not the program's");
#endif
        // Frames are reused from run to run; the measurement gives the idle ones back first,
        // so that the second table shows the coroutines' memory as the first did.
        const UnitFigures first = measureTasks(20000);
        const UnitFigures second = measureTasks(20000);
        QCOMPARE(second.created, 20000);
        QVERIFY2(second.rssBytes >= first.rssBytes / 2,
                 qPrintable(QStringLiteral("RSS growth %1 then %2").arg(first.rssBytes).arg(second.rssBytes)));
        QVERIFY(second.rssBytesPerUnit() >= 100); // a frame is a few hundred bytes
        QVERIFY(second.reservedBytes >= 20000 * 100);
    }

    void zeroOfEachIsNothingAndNoError()
    {
        const UnitFigures threads = measureThreads(0);
        const UnitFigures tasks = measureTasks(0);
        QCOMPARE(threads.created, 0);
        QCOMPARE(tasks.created, 0);
        QCOMPARE(threads.stop.reason, StopReason::None);
        QCOMPARE(tasks.stop.reason, StopReason::None);
    }

    void aCapStopsThreadCreationWithAMessage()
    {
        const int threadsBefore = processThreadCount();
        ThreadsMeasurementOptions options;
        options.maxThreads = 10;
        const UnitFigures f = measureThreads(50, options);
        QCOMPARE(f.requested, 50);
        QCOMPARE(f.created, 10);
        QCOMPARE(f.stop.reason, StopReason::Cap);
        QVERIFY(!f.stop.refused);
        QCOMPARE(f.stop.limitValue, 10);
        QCOMPARE(f.limitMessage,
            QStringLiteral("Stopped at 10 of 50 threads: the most this measurement may create is 10."));
        QCOMPARE(f.reservedBytes, 10 * defaultThreadStackBytes());
        QCOMPARE(processThreadCount(), threadsBefore);
    }

    void aCancelledMeasurementCreatesNothingAndSaysSo()
    {
        const int threadsBefore = processThreadCount();
        std::atomic<bool> cancel {true};
        ThreadsMeasurementOptions options;
        options.cancel = &cancel;
        const UnitFigures threads = measureThreads(20, options);
        const UnitFigures tasks = measureTasks(20, options);
        QCOMPARE(threads.created, 0);
        QCOMPARE(tasks.created, 0);
        QCOMPARE(threads.stop.reason, StopReason::Cancelled);
        QCOMPARE(tasks.stop.reason, StopReason::Cancelled);
        QCOMPARE(threads.limitMessage, QStringLiteral("Cancelled after 0 of 20 threads."));
        QCOMPARE(tasks.limitMessage, QStringLiteral("Cancelled after 0 of 20 tasks."));
        QCOMPARE(processThreadCount(), threadsBefore);
        QCOMPARE(measureSeries(1000, options).size(), 1); // the series stops after its first point
    }

    void aWorkerThreadCanMeasureBoth()
    {
        // As the window does it: off the GUI thread, each worker with its own aio loop.
        QList<SeriesPoint> points;
        std::thread worker([&points] { points = measureSeries(20); });
        worker.join();
        QCOMPARE(points.size(), 3);
        QCOMPARE(points.last().threads.created, 20);
        QCOMPARE(points.last().tasks.created, 20);
    }

    void tasksInsideARunningLoopAreRefusedWithoutHarm()
    {
        const UnitFigures f = aio::run(measureTasksInsideALoop());
        QCOMPARE(f.created, 0);
        QCOMPARE(f.stop.reason, StopReason::OtherError);
        QVERIFY(f.limitMessage.contains(QStringLiteral("another aio event loop")));
    }

    void theHeadroomStaysBelowTheNearestLimit()
    {
        const ThreadHeadroom headroom = threadHeadroom();
        // Linux always has threads-max and vm.max_map_count.
        QVERIFY(headroom.reason != StopReason::None);
        QVERIFY(headroom.limitValue > 0);
        QVERIFY(headroom.available >= 0);
        QVERIFY(headroom.available <= headroom.limitValue - threadSafetyMargin(headroom.limitValue));
        QCOMPARE(threadSafetyMargin(1000), kThreadSafetyMargin);
        QCOMPARE(threadSafetyMargin(32768), 1638);
    }

    void aTightAddressSpaceMakesTheSystemRefuseAThread()
    {
#if defined(__SANITIZE_ADDRESS__)
        QSKIP("ASan's shadow memory and RLIMIT_AS do not mix");
#endif
        QProcess probe;
        // Room for a few 8 MiB stacks, not for 2,000 of them.
        probe.start(QStringLiteral(THREADS_LIMIT_PROBE), {QStringLiteral("2000"), QStringLiteral("96")});
        QVERIFY(probe.waitForFinished(60000));
        QCOMPARE(probe.exitStatus(), QProcess::NormalExit); // no crash
        const QString output = QString::fromUtf8(probe.readAllStandardOutput());
        QCOMPARE(probe.exitCode(), 0);
        QMap<QString, QString> values;
        for (const QString &line : output.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            values.insert(line.section(QLatin1Char('='), 0, 0), line.section(QLatin1Char('='), 1));
        QCOMPARE(values.value(QStringLiteral("requested")), QStringLiteral("2000"));
        const int created = values.value(QStringLiteral("created")).toInt();
        QVERIFY2(created < 2000, qPrintable(output));
        QCOMPARE(values.value(QStringLiteral("reason")), QStringLiteral("ulimit-v"));
        QCOMPARE(values.value(QStringLiteral("refused")), QStringLiteral("1"));
        QCOMPARE(values.value(QStringLiteral("failedAt")).toInt(), created + 1);
        QCOMPARE(values.value(QStringLiteral("threadsAfter")), values.value(QStringLiteral("threadsBefore")));
        const QString message = values.value(QStringLiteral("message"));
        QVERIFY2(message.contains(QStringLiteral("out of address space")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("ulimit -v")), qPrintable(message));
    }

    void everyStopHasAnEnglishMessageWithItsNumbers()
    {
        UnitFigures f;
        f.requested = 40000;
        f.created = 32000;
        f.stop = {StopReason::ProcessLimit, true, 32001, 32000, 12, EAGAIN};
        QCOMPARE(limitMessage(f),
            QStringLiteral("The system refused thread 32,001: ulimit -u is 32,000 processes and "
                           "threads per user, and this process already had 12 (raise it with "
                           "`ulimit -u`)."));
        f.stop.refused = false;
        f.stop.failedAt = 0;
        QVERIFY(limitMessage(f).startsWith(
            QStringLiteral("Stopped at 32,000 of 40,000 threads, to keep clear of a limit")));
        const StopReason reasons[] = {StopReason::ThreadsMax, StopReason::PidMax, StopReason::CgroupPids,
            StopReason::MapCount, StopReason::AddressSpace, StopReason::OutOfMemory, StopReason::OtherError};
        for (StopReason reason : reasons) {
            f.stop = {reason, true, 32001, 32000, 12, EAGAIN};
            QVERIFY(limitMessage(f).startsWith(QStringLiteral("The system refused thread 32,001: ")));
            QVERIFY(limitMessage(f).size() > 40);
        }
        f.stop = {};
        QVERIFY(limitMessage(f).isEmpty());
    }

    void stopReasonsRoundTripThroughTheirKeys()
    {
        for (int i = int(StopReason::None); i <= int(StopReason::OtherError); ++i) {
            bool ok = false;
            QCOMPARE(stopReasonFromKey(stopReasonKey(StopReason(i)), &ok), StopReason(i));
            QVERIFY(ok);
        }
        bool ok = true;
        stopReasonFromKey(QStringLiteral("no such limit"), &ok);
        QVERIFY(!ok);
    }

    void aSeriesGrowsByTensAndEndsAtN()
    {
        QCOMPARE(seriesSizes(0), QList<int> {});
        QCOMPARE(seriesSizes(1), QList<int> {1});
        QCOMPARE(seriesSizes(1000), (QList<int> {1, 10, 100, 1000}));
        QCOMPARE(seriesSizes(2500), (QList<int> {1, 10, 100, 1000, 2500}));
        QCOMPARE(seriesSizes(1000000), (QList<int> {1, 10, 100, 1000, 10000, 100000, 1000000}));

        const int threadsBefore = processThreadCount();
        QList<int> reported;
        const QList<SeriesPoint> points
            = measureSeries(120, {}, [&](const SeriesPoint &p) { reported << p.n; });
        QCOMPARE(reported, (QList<int> {1, 10, 100, 120}));
        QCOMPARE(points.size(), 4);
        for (const SeriesPoint &p : points) {
            QCOMPARE(p.threads.created, p.n);
            QCOMPARE(p.tasks.created, p.n);
            QCOMPARE(p.threads.kind, UnitKind::Thread);
            QCOMPARE(p.tasks.kind, UnitKind::Task);
        }
        QCOMPARE(processThreadCount(), threadsBefore);
    }

    // ---- the Python twin ----

    void thePythonTwinMeasuresTheSameFigures()
    {
        const PythonThreadsResult r = measurePythonThreads(QStringLiteral(LIVE_THREADS_SCRIPT), 30, python());
        QVERIFY2(r.ok, qPrintable(r.error));
        QVERIFY(r.available);
        QVERIFY(r.error.isEmpty());
        QVERIFY(r.pythonVersion.startsWith(QStringLiteral("3.")));
        QCOMPARE(r.threads.kind, UnitKind::Thread);
        QCOMPARE(r.tasks.kind, UnitKind::Task);
        QCOMPARE(r.threads.requested, 30);
        QCOMPARE(r.threads.created, 30);
        QCOMPARE(r.tasks.requested, 30);
        QCOMPARE(r.tasks.created, 30);
        QCOMPARE(r.threads.stop.reason, StopReason::None);
        QCOMPARE(r.tasks.stop.reason, StopReason::None);
        QCOMPARE(r.threads.reservedBasis, ReservedBasis::StackSize);
        QCOMPARE(r.tasks.reservedBasis, ReservedBasis::Rss);
        QVERIFY(r.threads.reservedBytes > 0);
        checkSane(r.threads);
        checkSane(r.tasks);
    }

    void theEmbeddedSourceRunsFromATemporaryFile()
    {
        const QByteArray source = readScript();
        QVERIFY(!source.isEmpty());
        const PythonThreadsResult r = measurePythonThreadsSource(source, 12, python());
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.threads.created, 12);
        QCOMPARE(r.tasks.created, 12);
    }

    void thePythonTwinStopsAtMaxThreadsAndSaysSo()
    {
        QProcess process;
        process.start(QStringLiteral(DIRIGENT_PYTHON),
            {QStringLiteral(LIVE_THREADS_SCRIPT), QStringLiteral("--n"), QStringLiteral("20"),
                QStringLiteral("--max-threads"), QStringLiteral("5"), QStringLiteral("--json")});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 0);
        const PythonThreadsResult r = parsePythonThreadsJson(process.readAllStandardOutput());
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.threads.requested, 20);
        QCOMPARE(r.threads.created, 5);
        QCOMPARE(r.threads.stop.reason, StopReason::Cap);
        QVERIFY(!r.threads.stop.refused);
        QVERIFY(!r.threads.limitMessage.isEmpty());
        QCOMPARE(r.tasks.created, 20);
    }

    void thePythonTwinReportsARefusedThread()
    {
        const QString prlimit = QStandardPaths::findExecutable(QStringLiteral("prlimit"));
        if (prlimit.isEmpty())
            QSKIP("prlimit (util-linux) is not installed");
        // 256 MiB of address space: the interpreter fits, 200 thread stacks do not.
        QProcess process;
        process.start(prlimit,
            {QStringLiteral("--as=%1").arg(256 * 1024 * 1024), QStringLiteral(DIRIGENT_PYTHON),
                QStringLiteral(LIVE_THREADS_SCRIPT), QStringLiteral("--n"), QStringLiteral("200"),
                QStringLiteral("--json")});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        const PythonThreadsResult r = parsePythonThreadsJson(process.readAllStandardOutput());
        QVERIFY2(r.ok, qPrintable(r.error));
        QVERIFY(r.threads.created < 200);
        QCOMPARE(r.threads.stop.reason, StopReason::AddressSpace);
        QVERIFY(r.threads.stop.refused);
        QCOMPARE(r.threads.stop.failedAt, r.threads.created + 1);
        QCOMPARE(r.threads.stop.limitValue, 256 * 1024 * 1024);
        QVERIFY2(r.threads.limitMessage.startsWith(
                     QStringLiteral("The system refused thread %1: out of address space")
                         .arg(r.threads.created + 1)),
            qPrintable(r.threads.limitMessage));
        QCOMPARE(r.tasks.created, 200);
    }

    void thePythonTwinPrintsATableByDefault()
    {
        QProcess process;
        process.start(QStringLiteral(DIRIGENT_PYTHON),
            {QStringLiteral(LIVE_THREADS_SCRIPT), QStringLiteral("--n"), QStringLiteral("10")});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 0);
        const QString table = QString::fromUtf8(process.readAllStandardOutput());
        QVERIFY2(table.contains(QStringLiteral("threads")) && table.contains(QStringLiteral("tasks")),
            qPrintable(table));
        QVERIFY(table.contains(QStringLiteral("context switches")));
    }

    void aMissingInterpreterIsUnavailableWithAReason()
    {
        PythonThreadsOptions options = python();
        options.interpreter = QStringLiteral("/nonexistent/python3");
        const PythonThreadsResult r = measurePythonThreads(QStringLiteral(LIVE_THREADS_SCRIPT), 10, options);
        QVERIFY(!r.available);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(QStringLiteral("/nonexistent/python3")), qPrintable(r.error));
    }

    void garbageOutputIsAClearError()
    {
        PythonThreadsResult r = runSource("print('hello, no JSON here')");
        QVERIFY(r.available);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(QStringLiteral("no JSON")) && r.error.contains(QStringLiteral("hello")),
            qPrintable(r.error));

        r = runSource("print('{\"threads\": {')");
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(QStringLiteral("broken JSON")), qPrintable(r.error));

        r = runSource("print('{\"threads\": {}, \"tasks\": {}}')");
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(QStringLiteral("incomplete")), qPrintable(r.error));
        QCOMPARE(r.threads.created, 0);

        r = runSource("pass");
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(QStringLiteral("printed nothing")), qPrintable(r.error));

        r = runSource("import sys\nprint('oops', file=sys.stderr)\nsys.exit(3)");
        QVERIFY(r.available);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(QStringLiteral("exit code 3")) && r.error.contains(QStringLiteral("oops")),
            qPrintable(r.error));

        r = parsePythonThreadsJson(QByteArray());
        QVERIFY(!r.ok);
        QVERIFY(!r.error.isEmpty());
    }

    void aHangingScriptIsStoppedAtItsTimeout()
    {
        const PythonThreadsResult r = runSource("import time\ntime.sleep(60)", 300);
        QVERIFY(r.available);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(QStringLiteral("longer than")), qPrintable(r.error));
    }
};

QTEST_GUILESS_MAIN(TestThreadsMeasurement)
#include "tst_threadsmeasurement.moc"
