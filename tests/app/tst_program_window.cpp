// A learner's own program in the window (issue 16): File > Open, a dropped file, the Program
// tab's editor with Run (Ctrl+R), Stop and Save, the constants as sliders, the real-time switch,
// a saved trace opened, and what each kind of bad file or program shows. The programs run under
// the real CPython through the harness of the build tree ($DIRIGENT_HARNESS), offscreen.
#include "apptest.h"

#include "code/CodePanel.h"
#include "code/ProgramEditor.h"
#include "player/LessonSession.h"
#include "player/Player.h"
#include "player/ProgramLesson.h"
#include "player/ProgramTracer.h"
#include "widgets/ParameterPanel.h"
#include "widgets/PlayPanel.h"
#include "widgets/ProgramPanel.h"
#include "widgets/QuizPanel.h"
#include "widgets/SweepChart.h"
#include "window/MainWindow.h"

#include <trace/trace_file.hpp>
#include <trace/trace_state.hpp>

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QFileInfo>
#include <QTest>
#include <QTimer>
#include <QUrl>

#include <fstream>
#include <set>

namespace {

constexpr int runLimitMs = 60000;

const char crawler[] = R"(import asyncio

WORKERS = 3
DELAY = 0.5
PAGES = 8


async def fetch(page):
    await asyncio.sleep(DELAY)
    return f"page {page}"


async def worker(name, queue):
    while True:
        page = await queue.get()
        text = await fetch(page)
        print(f"{name} got {text}")
        queue.task_done()


async def main():
    queue = asyncio.Queue(maxsize=2)
    workers = [asyncio.create_task(worker(f"w{i}", queue), name=f"w{i}") for i in range(WORKERS)]
    for page in range(PAGES):
        await queue.put(page)
    await queue.join()
    for task in workers:
        task.cancel()
    print("all pages fetched")


asyncio.run(main())
)";

const char deadlock[] = R"(import asyncio


async def main():
    queue = asyncio.Queue()
    await queue.get()


asyncio.run(main())
)";

const char raises[] = R"(import asyncio


async def main():
    await asyncio.sleep(0.25)
    raise ValueError("no such page")


asyncio.run(main())
)";

const char endless[] = R"(import asyncio


async def main():
    while True:
        await asyncio.sleep(0.01)


asyncio.run(main())
)";

QString write(const QTemporaryDir &folder, const QString &name, const QByteArray &text)
{
    const QString path = folder.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size())
        return {};
    return path;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Waits until the session's program run has ended (or the limit passed).
bool waitForRun(MainWindow &window)
{
    return QTest::qWaitFor([&window] { return !window.session()->programRunning(); }, runLimitMs);
}

QStringList logTexts(const trace::Recorder &recorder)
{
    QStringList texts;
    for (std::size_t i = 0; i < recorder.size(); ++i) {
        if (recorder[i].kind == aio::TraceEventKind::Log)
            texts << QString::fromStdString(recorder[i].text);
    }
    return texts;
}

std::set<std::string> taskNames(const trace::Recorder &recorder)
{
    std::set<std::string> names;
    for (std::size_t i = 0; i < recorder.size(); ++i) {
        if (recorder[i].kind == aio::TraceEventKind::TaskCreated)
            names.insert(recorder[i].text);
    }
    return names;
}

bool tabShown(MainWindow &window, QWidget *tab)
{
    auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("lessonTabs"));
    return tabs && tabs->isTabVisible(tabs->indexOf(tab));
}

} // namespace

class TestProgramWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_folder;

    // Opens the program and runs it (Run clicked, as a learner would), then waits for its end.
    static void openAndRun(MainWindow &window, const QString &path)
    {
        QString error;
        QVERIFY2(window.openProgram(path, false, &error), qPrintable(error));
        window.programPanel()->runButton()->click();
        QVERIFY(waitForRun(window));
    }

private slots:
    void initTestCase()
    {
        apptest::initTestCase();
        QVERIFY(m_folder.isValid());
        QVERIFY2(!ProgramTracer::harnessPath().isEmpty(), "DIRIGENT_HARNESS names the build tree's harness");
    }

    void cleanup() { apptest::cleanup(); }

    void aNewFileWaitsForRunAndSaysWhatWillRun()
    {
        const QString path = write(m_folder, QStringLiteral("crawler.py"), crawler);
        MainWindow window(nullptr, false);
        window.show();
        QString error;
        QVERIFY2(window.openProgram(path, false, &error), qPrintable(error));

        QVERIFY(window.programOpen());
        QVERIFY(window.currentLessonId().isEmpty());
        QVERIFY(window.windowTitle().startsWith(QStringLiteral("crawler.py")));
        ProgramPanel *panel = window.programPanel();
        QVERIFY(tabShown(window, panel));
        QCOMPARE(window.findChild<QTabWidget *>(QStringLiteral("lessonTabs"))->currentWidget(), panel);
        // No C++ twin, no quiz, no game, no sweep for a program.
        QVERIFY(!tabShown(window, window.findChild<CodePanel *>()));
        QVERIFY(!tabShown(window, window.findChild<QuizPanel *>()));
        QVERIFY(!tabShown(window, window.playPanel()));
        QVERIFY(!tabShown(window, window.findChild<SweepChart *>()));

        // Nothing ran; the notice names the file and says it runs with the learner's rights.
        QCOMPARE(window.session()->tracer().status(), ProgramTracer::Status::Idle);
        QVERIFY(window.session()->recorder().empty());
        QVERIFY(panel->notice()->isVisible());
        QVERIFY(panel->notice()->text().contains(QStringLiteral("crawler.py")));
        QVERIFY(panel->notice()->text().contains(QStringLiteral("rights")));
        QCOMPARE(panel->editor()->toPlainText(), QString::fromUtf8(crawler));

        // The constants are sliders already, at the program's values.
        for (const char *name : {"WORKERS", "DELAY", "PAGES"}) {
            auto *slider = window.findChild<QSlider *>(QStringLiteral("param_") + QLatin1String(name));
            QVERIFY2(slider, name);
        }
        QCOMPARE(window.session()->parameter(QStringLiteral("WORKERS")), 3.0);
        QCOMPARE(window.session()->parameter(QStringLiteral("DELAY")), 0.5);
        // A slider moved before the first run does not run the program.
        window.session()->setParameter(QStringLiteral("PAGES"), 4);
        QCOMPARE(window.session()->tracer().status(), ProgramTracer::Status::Idle);
    }

    void runShowsTheProgramsRunInTheViewsAndMarksItsLines()
    {
        const QString path = write(m_folder, QStringLiteral("crawler.py"), crawler);
        MainWindow window(nullptr, false);
        window.show();
        openAndRun(window, path);

        ProgramPanel *panel = window.programPanel();
        QCOMPARE(window.session()->tracer().status(), ProgramTracer::Status::Finished);
        QVERIFY(!panel->notice()->isVisible());
        const trace::Recorder &recorder = window.session()->recorder();
        QVERIFY(recorder.size() > 50);
        QCOMPARE(recorder.back().kind, aio::TraceEventKind::RunEnd);
        QCOMPARE(recorder.back().time_ns, std::int64_t(1500000000)); // 8 pages, 3 workers, 0.5 s each
        const QStringList log = logTexts(recorder);
        QVERIFY(log.contains(QStringLiteral("w0 got page 0")));
        QCOMPARE(log.last(), QStringLiteral("all pages fetched"));
        QVERIFY(taskNames(recorder).count("w2") == 1);
        QVERIFY(panel->statusLabel()->text().contains(QStringLiteral("1.500")));

        // Every step back and forth marks the program's own line of the event, when it has one.
        Player *player = window.player();
        bool sawAwait = false;
        for (std::size_t cursor = 1; cursor <= player->length(); ++cursor) {
            player->seek(cursor);
            const int line = panel->editor()->markedLine();
            const aio::TraceEvent *located = player->currentLocatedEvent();
            if (located && located->file && QString::fromUtf8(located->file) == QFileInfo(path).absoluteFilePath()) {
                QCOMPARE(line, int(located->line));
                const QString text = panel->editor()->document()->findBlockByNumber(line - 1).text();
                sawAwait = sawAwait || text.contains(QStringLiteral("await queue.get()"));
            }
        }
        QVERIFY(sawAwait);
        // The player plays it like a lesson's run.
        player->toStart();
        QCOMPARE(player->cursor(), std::size_t(0));
    }

    void aSliderRerunsTheProgramWithItsValue()
    {
        const QString path = write(m_folder, QStringLiteral("crawler.py"), crawler);
        MainWindow window(nullptr, false);
        window.show();
        openAndRun(window, path);
        const int runs = window.session()->runCount();

        auto *slider = window.findChild<QSlider *>(QStringLiteral("param_WORKERS"));
        QVERIFY(slider);
        slider->setValue(1); // the integer grid starts at 0
        QVERIFY(window.session()->runCount() > runs);
        QVERIFY(waitForRun(window));
        const trace::Recorder &recorder = window.session()->recorder();
        QCOMPARE(taskNames(recorder).count("w1"), std::size_t(0));
        QCOMPARE(taskNames(recorder).count("w0"), std::size_t(1));
        QCOMPARE(recorder.back().time_ns, std::int64_t(4000000000)); // one worker: 8 x 0.5 s
        // The file on disk keeps its value: the slider's goes to the harness.
        QCOMPARE(readAll(path), QByteArray(crawler));
    }

    void ctrlRInTheEditorRunsTheEditedTextAndCtrlSSavesIt()
    {
        const QString path = write(m_folder, QStringLiteral("crawler.py"), crawler);
        MainWindow window(nullptr, false);
        window.show();
        openAndRun(window, path);
        ProgramPanel *panel = window.programPanel();
        QSignalSpy played(window.player(), &Player::playingChanged);

        QString edited = QString::fromUtf8(crawler);
        edited.replace(QStringLiteral("print(\"all pages fetched\")"), QStringLiteral("print(\"edited and run\")"));
        edited.replace(QStringLiteral("PAGES = 8\n"), QStringLiteral("PAGES = 8\nRETRIES = 2\n"));
        panel->editor()->setPlainText(edited);
        panel->editor()->document()->setModified(true);
        panel->editor()->setFocus();
        QTest::keyClick(panel->editor(), Qt::Key_R, Qt::ControlModifier);
        QVERIFY(waitForRun(window));
        QCOMPARE(logTexts(window.session()->recorder()).last(), QStringLiteral("edited and run"));
        // Ctrl+R in the editor is the editor's: the player's Restart (Ctrl+R elsewhere) did not play.
        for (const QList<QVariant> &signal : std::as_const(played))
            QVERIFY(!signal.at(0).toBool());
        // A new constant got its slider.
        QVERIFY(window.findChild<QSlider *>(QStringLiteral("param_RETRIES")));
        // Not saved yet: the file is as it was, and the status says so.
        QCOMPARE(readAll(path), QByteArray(crawler));
        QVERIFY(panel->hasUnsavedEdits());
        QVERIFY(panel->statusLabel()->text().contains(QStringLiteral("not saved")));

        QTest::keyClick(panel->editor(), Qt::Key_S, Qt::ControlModifier);
        QCOMPARE(QString::fromUtf8(readAll(path)), edited);
        QVERIFY(!panel->hasUnsavedEdits());

        // An edit that keeps the constants, run twice: the panels made for the earlier text
        // (the lesson text, the sliders) still work, in both languages.
        edited.replace(QStringLiteral("edited and run"), QStringLiteral("edited twice"));
        panel->editor()->setPlainText(edited);
        panel->run();
        QVERIFY(waitForRun(window));
        panel->run();
        QVERIFY(waitForRun(window));
        window.setLanguage(QStringLiteral("de"));
        window.setLanguage(QStringLiteral("en"));
        auto *workers = window.findChild<QSlider *>(QStringLiteral("param_WORKERS"));
        QVERIFY(workers);
        workers->setValue(2);
        QVERIFY(waitForRun(window));
        QCOMPARE(logTexts(window.session()->recorder()).last(), QStringLiteral("edited twice"));
        QCOMPARE(taskNames(window.session()->recorder()).count("w2"), std::size_t(0));
    }

    void aFileRunOnceIsNotAskedAboutAgain()
    {
        const QString path = write(m_folder, QStringLiteral("again.py"), crawler);
        const QString other = write(m_folder, QStringLiteral("other.py"), crawler);
        MainWindow window(nullptr, false);
        window.show();
        openAndRun(window, path);
        QVERIFY(window.openLesson(apptest::firstLessonId()));
        QVERIFY(!window.programOpen());
        QVERIFY(tabShown(window, window.findChild<CodePanel *>()));
        QVERIFY(!tabShown(window, window.programPanel()));

        QVERIFY(window.openProgram(path));
        QVERIFY(!window.programPanel()->notice()->isVisible());
        QVERIFY(waitForRun(window));
        QCOMPARE(window.session()->tracer().status(), ProgramTracer::Status::Finished);

        QVERIFY(window.openProgram(other));
        QVERIFY(window.programPanel()->notice()->isVisible());
        QCOMPARE(window.session()->tracer().status(), ProgramTracer::Status::Idle);
    }

    void aDeadlockAndAnExceptionAreSaidWithTheirLines()
    {
        MainWindow window(nullptr, false);
        window.show();
        openAndRun(window, write(m_folder, QStringLiteral("hang.py"), deadlock));
        QCOMPARE(window.session()->recorder().back().outcome, aio::Outcome::Deadlock);
        QVERIFY(window.programPanel()->statusLabel()->text().startsWith(QStringLiteral("Deadlock")));
        // The deadlock's entry names the line of the await.
        bool named = false;
        for (std::size_t i = 0; i < window.session()->recorder().size(); ++i) {
            const aio::TraceEvent &event = window.session()->recorder()[i];
            named = named || (event.kind == aio::TraceEventKind::Deadlock && event.line == 6);
        }
        QVERIFY(named);

        openAndRun(window, write(m_folder, QStringLiteral("raises.py"), raises));
        ProgramPanel *panel = window.programPanel();
        QCOMPARE(window.session()->recorder().back().outcome, aio::Outcome::Exception);
        QVERIFY(panel->statusLabel()->text().contains(QStringLiteral("raised")));
        QVERIFY(panel->output()->isVisible());
        QVERIFY(panel->output()->toPlainText().contains(QStringLiteral("ValueError: no such page")));
        QVERIFY(panel->output()->toPlainText().contains(QStringLiteral("line 6, in main")));
    }

    void aSyntaxErrorNamesItsLineAndTheFileStillOpens()
    {
        MainWindow window(nullptr, false);
        window.show();
        const QString path = write(m_folder, QStringLiteral("broken.py"), "import asyncio\n\nasync def main(:\n    pass\n");
        openAndRun(window, path);
        ProgramPanel *panel = window.programPanel();
        QCOMPARE(window.session()->tracer().status(), ProgramTracer::Status::BadProgram);
        QVERIFY(panel->statusLabel()->text().startsWith(QStringLiteral("Not run")));
        QVERIFY(panel->output()->toPlainText().contains(QStringLiteral("broken.py:3: syntax error")));
        // Fixed in the editor, it runs.
        panel->editor()->setPlainText(QStringLiteral("import asyncio\n\nasync def main():\n    print('fixed')\n\nasyncio.run(main())\n"));
        panel->run();
        QVERIFY(waitForRun(window));
        QCOMPARE(window.session()->tracer().status(), ProgramTracer::Status::Finished);
        QCOMPARE(logTexts(window.session()->recorder()), QStringList{QStringLiteral("fixed")});
        QVERIFY(!panel->output()->isVisible());
    }

    void badFilesAreRefusedWithAReason()
    {
        MainWindow window(nullptr, false);
        QString error;
        QVERIFY(!window.openProgram(m_folder.filePath(QStringLiteral("missing.py")), false, &error));
        QVERIFY(error.contains(QStringLiteral("does not exist")));
        QVERIFY(!window.openProgram(m_folder.path(), false, &error));
        QVERIFY(error.contains(QStringLiteral("folder")));
        QByteArray binary("\x7f" "ELF\x01\x02\xff\xfe\x00\x00", 10);
        QVERIFY(!window.openProgram(write(m_folder, QStringLiteral("binary.py"), binary), false, &error));
        QVERIFY(error.contains(QStringLiteral("UTF-8")));
        QVERIFY(!window.programOpen());

        // Trace files: truncated, someone else's JSON, a folder.
        QVERIFY(!window.openTrace(write(m_folder, QStringLiteral("cut.trace"), "{\"format\":\"dirigent-trace\",\"vers"), &error));
        QVERIFY2(error.contains(QStringLiteral("line 1")), qPrintable(error));
        QVERIFY(!window.openTrace(write(m_folder, QStringLiteral("other.trace"), "{\"a\": 1}\n"), &error));
        QVERIFY(error.contains(QStringLiteral("other.trace")));
        QVERIFY(!window.openTrace(m_folder.path(), &error));
        QVERIFY(!window.programOpen());
    }

    void aSavedTraceOpensWithItsProgramsSource()
    {
        const QString path = write(m_folder, QStringLiteral("saved.py"), crawler);
        MainWindow window(nullptr, false);
        window.show();
        openAndRun(window, path);
        const trace::Recorder &ran = window.session()->recorder();
        const std::size_t events = ran.size();
        const QString tracePath = m_folder.filePath(QStringLiteral("saved.trace"));
        {
            std::ofstream out(tracePath.toStdString(), std::ios::binary);
            trace::TraceHeader header = window.session()->tracer().header();
            trace::write_trace_file(out, header, ran);
            QVERIFY(out.good());
        }

        MainWindow other(nullptr, false);
        other.show();
        QString error;
        QVERIFY2(other.openFile(tracePath, &error), qPrintable(error));
        QVERIFY(other.programOpen());
        QCOMPARE(other.session()->recorder().size(), events);
        QCOMPARE(other.session()->tracer().status(), ProgramTracer::Status::Idle);
        QCOMPARE(other.programPanel()->editor()->toPlainText(), QString::fromUtf8(crawler));
        QVERIFY(other.programPanel()->statusLabel()->text().contains(QStringLiteral("saved trace")));
        other.player()->toEnd();
        QCOMPARE(logTexts(other.session()->recorder()).last(), QStringLiteral("all pages fetched"));
    }

    void aDroppedFileOpens()
    {
        const QString path = write(m_folder, QStringLiteral("dropped.py"), crawler);
        MainWindow window(nullptr, false);
        window.show();
        QVERIFY(window.acceptDrops());
        QMimeData data;
        data.setUrls({QUrl::fromLocalFile(path)});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &drop);
        QVERIFY(QTest::qWaitFor([&window] { return window.programOpen(); }, 5000));
        QCOMPARE(window.session()->program()->fileName(), QStringLiteral("dropped.py"));
    }

    void realTimeSaysWhatItMeansAndStopEndsAProgramThatNeverEnds()
    {
        const QString path = write(m_folder, QStringLiteral("endless.py"), endless);
        MainWindow window(nullptr, false);
        window.show();
        QVERIFY(window.openProgram(path));
        ProgramPanel *panel = window.programPanel();
        QVERIFY(!panel->notice()->text().contains(QStringLiteral("Real time")));
        panel->realTimeSwitch()->click();
        QVERIFY(window.session()->realTime());
        QVERIFY(panel->notice()->text().contains(QStringLiteral("sockets really open")));

        panel->runButton()->click();
        QVERIFY(window.session()->programRunning());
        QVERIFY(panel->stopButton()->isEnabled());
        // It runs for real: events come in while it runs, and the views follow them.
        QVERIFY(QTest::qWaitFor([&window] { return window.session()->recorder().size() > 20; }, runLimitMs));
        QVERIFY(window.session()->programRunning());
        const QString clock = QString::fromStdString(window.session()->tracer().header().values.at("clock"));
        QCOMPARE(clock, QStringLiteral("real"));

        // Run again while it runs: the first process ends, the second runs on its own.
        const std::shared_ptr<const trace::Recorder> first = window.session()->tracer().sharedRecorder();
        panel->runButton()->click();
        QCOMPARE(first->back().kind, aio::TraceEventKind::RunEnd);
        QCOMPARE(window.session()->tracer().status(), ProgramTracer::Status::Running);
        QVERIFY(QTest::qWaitFor([&window] { return window.session()->recorder().size() > 20; }, runLimitMs));
        QCOMPARE(window.session()->tracer().status(), ProgramTracer::Status::Running);
        QVERIFY(&window.session()->recorder() != first.get());

        panel->stopButton()->click();
        QVERIFY(waitForRun(window));
        QCOMPARE(window.session()->tracer().status(), ProgramTracer::Status::Stopped);
        QCOMPARE(window.session()->recorder().back().kind, aio::TraceEventKind::RunEnd);
        QVERIFY(panel->statusLabel()->text().startsWith(QStringLiteral("Stopped")));
        QVERIFY(!panel->stopButton()->isEnabled());
    }

    void unsavedEditsAreAskedAboutBeforeTheyAreLeft()
    {
        const QString path = write(m_folder, QStringLiteral("edits.py"), crawler);
        MainWindow window(nullptr, false);
        window.show();
        QVERIFY(window.openProgram(path));
        window.programPanel()->editor()->appendPlainText(QStringLiteral("# a note"));
        QVERIFY(window.programPanel()->hasUnsavedEdits());

        // Cancel keeps the program and the edit.
        QTimer::singleShot(0, [] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (box)
                box->button(QMessageBox::Cancel)->click();
        });
        QVERIFY(!window.openLesson(apptest::firstLessonId()));
        QVERIFY(window.programOpen());
        QVERIFY(window.programPanel()->hasUnsavedEdits());

        // Save writes it, then the lesson opens.
        QTimer::singleShot(0, [] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (box)
                box->button(QMessageBox::Save)->click();
        });
        QVERIFY(window.openLesson(apptest::firstLessonId()));
        QVERIFY(!window.programOpen());
        QVERIFY(readAll(path).endsWith("# a note"));
    }

    void germanTextsInTheProgramTab()
    {
        const QString path = write(m_folder, QStringLiteral("deutsch.py"), crawler);
        MainWindow window(nullptr, false);
        window.show();
        window.setLanguage(QStringLiteral("de"));
        QVERIFY(window.openProgram(path));
        ProgramPanel *panel = window.programPanel();
        auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("lessonTabs"));
        QCOMPARE(tabs->tabText(tabs->indexOf(panel)), QStringLiteral("Programm"));
        QVERIFY(panel->notice()->text().contains(QStringLiteral("Rechten")));
        panel->runButton()->click();
        QVERIFY(waitForRun(window));
        // The time with a decimal comma, as a German reads it.
        QVERIFY2(panel->statusLabel()->text().contains(QStringLiteral("1,500")), qPrintable(panel->statusLabel()->text()));
        QCOMPARE(panel->runButton()->text(), QStringLiteral("&Ausführen"));
    }
};

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    TestProgramWindow test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_program_window.moc"
