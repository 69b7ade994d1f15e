// A learner's own program in the session, without a window: ProgramLesson's sliders and
// assignments, and LessonSession's program mode (runs through the real harness under CPython,
// edits, sliders, a run started while one goes on, back to a lesson). Qt Core only, so it runs
// in the sanitizer build too, where the window's tests do not.
#include "player/LessonSession.h"
#include "player/Player.h"
#include "player/ProgramLesson.h"
#include "player/ProgramTracer.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <clocale>
#include <memory>

namespace {

constexpr int runLimitMs = 60000;

const char program[] = R"(import asyncio

WORKERS = 2
DELAY = 0.25
LOUD = True


async def worker(name, queue):
    while True:
        item = await queue.get()
        await asyncio.sleep(DELAY)
        if LOUD:
            print(f"{name} did {item}")
        queue.task_done()


async def main():
    queue = asyncio.Queue()
    tasks = [asyncio.create_task(worker(f"w{i}", queue), name=f"w{i}") for i in range(WORKERS)]
    for item in range(4):
        queue.put_nowait(item)
    await queue.join()
    for task in tasks:
        task.cancel()
    print("done")


asyncio.run(main())
)";

ProgramTracer::Constant constant(const char *name, double value, bool integer, bool switchValue = false)
{
    ProgramTracer::Constant c;
    c.name = QString::fromLatin1(name);
    c.value = value;
    c.integer = integer;
    c.switchValue = switchValue;
    return c;
}

int logLines(const trace::Recorder &recorder)
{
    int lines = 0;
    for (std::size_t i = 0; i < recorder.size(); ++i)
        lines += recorder[i].kind == aio::TraceEventKind::Log;
    return lines;
}

std::string lastLog(const trace::Recorder &recorder)
{
    for (std::size_t i = recorder.size(); i > 0; --i) {
        if (recorder[i - 1].kind == aio::TraceEventKind::Log)
            return recorder[i - 1].text;
    }
    return {};
}

} // namespace

class TestProgramSession : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_folder;
    QString m_path;

    std::shared_ptr<ProgramLesson> openedProgram(QString *error = nullptr)
    {
        QList<ProgramTracer::Constant> constants;
        QString problem;
        if (!ProgramTracer::readConstants(m_path, {}, &constants, &problem) && error)
            *error = problem;
        return std::make_shared<ProgramLesson>(m_path, QString::fromUtf8(program), constants);
    }

    static bool waitForRun(LessonSession &session)
    {
        return QTest::qWaitFor([&session] { return !session.programRunning(); }, runLimitMs);
    }

private slots:
    void initTestCase()
    {
        std::setlocale(LC_NUMERIC, "C");
        QVERIFY(m_folder.isValid());
        m_path = m_folder.filePath(QStringLiteral("workers.py"));
        QFile file(m_path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(program);
        QVERIFY2(!ProgramTracer::harnessPath().isEmpty(), "DIRIGENT_HARNESS names the build tree's harness");
    }

    void slidersReachPastTheValueOnAGridThatHoldsIt()
    {
        const lessons::Parameter workers = ProgramLesson::sliderFor(constant("WORKERS", 3, true));
        QCOMPARE(workers.min, 0.0);
        QCOMPARE(workers.max, 12.0);
        QCOMPARE(workers.step, 1.0);
        QCOMPARE(workers.default_value, 3.0);
        QCOMPARE(ProgramLesson::sliderFor(constant("N", 100000, true)).max, 400000.0);
        QCOMPARE(ProgramLesson::sliderFor(constant("N", 1, true)).max, 10.0);

        const lessons::Parameter delay = ProgramLesson::sliderFor(constant("DELAY", 0.5, false));
        QCOMPARE(delay.step, 0.01);
        QCOMPARE(delay.max, 2.0);
        const lessons::Parameter fine = ProgramLesson::sliderFor(constant("RATE", 0.123, false));
        QCOMPARE(fine.step, 0.001);
        // The value lies on the grid: min + k * step.
        QCOMPARE(qRound64((fine.default_value - fine.min) / fine.step) * fine.step + fine.min, 0.123);
        const lessons::Parameter negative = ProgramLesson::sliderFor(constant("OFFSET", -2, true));
        QCOMPARE(negative.min, -10.0);
        QCOMPARE(negative.max, 0.0);
        const lessons::Parameter zero = ProgramLesson::sliderFor(constant("ZERO", 0, false));
        QCOMPARE(zero.max, 1.0);
        const lessons::Parameter loud = ProgramLesson::sliderFor(constant("LOUD", 1, false, true));
        QCOMPARE(loud.max, 1.0);
        QCOMPARE(loud.step, 1.0);
    }

    void assignmentsNameWhatDiffersAsPythonLiterals()
    {
        const ProgramLesson lesson(m_path, QString::fromUtf8(program),
                                   {constant("WORKERS", 2, true), constant("DELAY", 0.25, false),
                                    constant("LOUD", 1, false, true)});
        QCOMPARE(lesson.lesson().parameters.size(), std::size_t(3));
        QCOMPARE(lesson.fileName(), QStringLiteral("workers.py"));
        QVERIFY(!lesson.lesson().scenario);
        QVERIFY(lesson.lesson().python_source == std::string_view(program));
        QVERIFY(lesson.lesson().text_de.find("workers.py") != std::string_view::npos);
        lessons::Params params = lessons::defaults(lesson.lesson());
        QVERIFY(lesson.assignments(params).isEmpty());
        params.values["WORKERS"] = 5;
        params.values["DELAY"] = 0.125;
        params.values["LOUD"] = 0;
        QCOMPARE(lesson.assignments(params),
                 (QStringList{QStringLiteral("WORKERS=5"), QStringLiteral("DELAY=0.125"), QStringLiteral("LOUD=False")}));
    }

    void theHarnessReadsTheConstantsAndSaysWhatIsWrong()
    {
        QString error;
        QList<ProgramTracer::Constant> constants;
        QVERIFY2(ProgramTracer::readConstants(m_path, {}, &constants, &error), qPrintable(error));
        QCOMPARE(constants.size(), 3);
        QCOMPARE(constants.at(0).name, QStringLiteral("WORKERS"));
        QVERIFY(constants.at(0).integer);
        QCOMPARE(constants.at(1).value, 0.25);
        QVERIFY(constants.at(2).switchValue);
        const QString broken = m_folder.filePath(QStringLiteral("broken.py"));
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("def f(:\n");
        file.close();
        QVERIFY(!ProgramTracer::readConstants(m_path, broken, &constants, &error));
        QVERIFY2(error.contains(QStringLiteral(":1: syntax error")), qPrintable(error));
    }

    void aProgramRunsOnlyWhenAskedAndSlidersRerunIt()
    {
        LessonSession session;
        Player player(&session);
        session.openProgram(openedProgram(), false);
        QVERIFY(session.isProgram());
        QVERIFY(session.hasRun());
        QVERIFY(session.recorder().empty());
        session.setParameter(QStringLiteral("WORKERS"), 1);
        QCOMPARE(session.tracer().status(), ProgramTracer::Status::Idle);

        session.runProgram();
        QVERIFY(waitForRun(session));
        QCOMPARE(session.tracer().status(), ProgramTracer::Status::Finished);
        QCOMPARE(session.recorder().back().time_ns, std::int64_t(1000000000)); // one worker: 4 x 0.25 s
        QCOMPARE(logLines(session.recorder()), 5);

        session.setParameter(QStringLiteral("LOUD"), 0);
        QVERIFY(waitForRun(session));
        QCOMPARE(logLines(session.recorder()), 1);
        QCOMPARE(player.cursor(), player.length());
        session.resetToDefaults();
        QVERIFY(waitForRun(session));
        QCOMPARE(session.recorder().back().time_ns, std::int64_t(500000000)); // two workers
    }

    void anEditKeepsOrRebuildsTheSlidersAndRunsTheText()
    {
        LessonSession session;
        Player player(&session);
        session.openProgram(openedProgram(), true);
        QVERIFY(waitForRun(session));
        session.setParameter(QStringLiteral("WORKERS"), 4);
        QVERIFY(waitForRun(session));
        QSignalSpy params(&session, &LessonSession::paramsChanged);

        // The same constants: the sliders keep their values.
        QString text = QString::fromUtf8(program).replace(QStringLiteral("\"done\""), QStringLiteral("\"edited\""));
        QVERIFY(!session.setProgramSource(text));
        QCOMPARE(params.count(), 0);
        QCOMPARE(session.parameter(QStringLiteral("WORKERS")), 4.0);
        session.runProgram();
        QVERIFY(waitForRun(session));
        QCOMPARE(lastLog(session.recorder()), std::string("edited"));

        // A new constant: new sliders, at the text's values.
        text.replace(QStringLiteral("LOUD = True\n"), QStringLiteral("LOUD = True\nEXTRA = 7\n"));
        QVERIFY(session.setProgramSource(text));
        QCOMPARE(params.count(), 1);
        QCOMPARE(session.lesson()->parameters.size(), std::size_t(4));
        QCOMPARE(session.parameter(QStringLiteral("WORKERS")), 2.0);

        // A text that does not parse keeps the sliders and says why; its run says it too.
        QString error;
        QVERIFY(!session.setProgramSource(QStringLiteral("def broken(:\n"), &error));
        QVERIFY(error.contains(QStringLiteral("syntax error")));
        QCOMPARE(session.lesson()->parameters.size(), std::size_t(4));
        session.runProgram();
        QVERIFY(waitForRun(session));
        QCOMPARE(session.tracer().status(), ProgramTracer::Status::BadProgram);
        QVERIFY(session.tracer().standardError().contains("syntax error"));
    }

    void aRunStartedWhileOneGoesOnEndsTheFirst()
    {
        LessonSession session;
        Player player(&session);
        session.setRealTime(true);
        session.openProgram(openedProgram(), false);
        session.setParameter(QStringLiteral("DELAY"), 2.0); // real seconds: still running below
        session.runProgram();
        QVERIFY(session.programRunning());
        const std::shared_ptr<const trace::Recorder> first = session.tracer().sharedRecorder();
        QVERIFY(QTest::qWaitFor([&first] { return first->size() > 3; }, runLimitMs));
        QSignalSpy ended(&session, &LessonSession::externalRunEnded);
        session.runProgram();
        QCOMPARE(ended.count(), 1); // the first run, closed
        QCOMPARE(first->back().kind, aio::TraceEventKind::RunEnd);
        QCOMPARE(first->back().text, std::string("stopped"));
        QVERIFY(session.programRunning());
        QVERIFY(QTest::qWaitFor([&session] { return session.recorder().size() > 5; }, runLimitMs));
        QCOMPARE(session.tracer().status(), ProgramTracer::Status::Running);

        // Back to a lesson: the program's process ends, the lesson's model runs.
        QVERIFY(session.open(QStringLiteral("event-loop")));
        QVERIFY(!session.isProgram());
        QVERIFY(!session.isExternalRun());
        QVERIFY(!session.programRunning());
        QVERIFY(session.recorder().size() > 0);
    }
};

QTEST_GUILESS_MAIN(TestProgramSession)

#include "tst_program_session.moc"
