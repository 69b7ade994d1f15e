#include "window/ScreenshotCommand.h"

#include "cli/Complain.h"
#include "cli/SaveFile.h"
#include "text/ApplicationSetup.h"

#include "player/LiveController.h"
#include "widgets/LiveTab.h"
#include "window/MainWindow.h"
#include "widgets/ProgramPanel.h"

#include "player/LessonSession.h"
#include "player/Player.h"

#include <lessons/param_input.hpp>

#include <QApplication>
#include <QBuffer>
#include <QDir>
#include <QFileInfo>
#include <QPixmap>
#include <QEventLoop>
#include <QTabWidget>
#include <QThreadPool>
#include <QTimer>

#include <cstdio>

namespace {

// Lets the window finish what it posted: layouts, deferred repaints, work handed to the
// thread pool (a sweep computed in the background) and the results it posts back.
void settle()
{
    for (int round = 0; round < 3; ++round) {
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
        QThreadPool::globalInstance()->waitForDone();
    }
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
}

// Qt's notes that say nothing about the picture: the offscreen platform cannot pass size
// hints to a window manager it does not have, and a container may lack XDG_RUNTIME_DIR.
// Everything else gets through to the previous handler.
QtMessageHandler previousHandler = nullptr;

void quietHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type == QtWarningMsg
        && (message.contains(QLatin1String("does not support propagateSizeHints"))
            || message.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR not set"))))
        return;
    if (previousHandler)
        previousHandler(type, context, message);
}

// A live run ends by itself (every attempt has its timeout); this bounds the wait anyway.
constexpr int liveRunLimitMs = 180000;

// Runs the live variant with the invocation's values until it ends; false with a sentence
// in *error when it could not run or did not end in time.
bool runLive(MainWindow &window, const Invocation &invocation, QString *error)
{
    LiveController *live = window.liveController();
    live->setLiveMode(true);
    if (!live->liveMode()) {
        *error = ScreenshotCommand::tr("the lesson '%1' has no live variant").arg(invocation.lessonId);
        return false;
    }
    for (const QString &assignment : invocation.assignments) {
        const lessons::ParamInput input = lessons::parse_assignment(*live->liveLesson(), assignment.toStdString());
        if (input.problem == lessons::ParamProblem::None)
            live->setParameter(QString::fromStdString(input.name), input.number);
    }
    live->setPitfall(invocation.pitfall);
    QEventLoop waiter;
    QTimer guard;
    guard.setSingleShot(true);
    QObject::connect(&guard, &QTimer::timeout, &waiter, &QEventLoop::quit);
    QObject::connect(live, &LiveController::finished, &waiter, &QEventLoop::quit);
    if (!live->start()) {
        *error = ScreenshotCommand::tr("the live run could not start: %1").arg(live->statusText());
        return false;
    }
    guard.start(liveRunLimitMs);
    waiter.exec();
    if (live->running()) {
        live->abort();
        *error = ScreenshotCommand::tr("the live run did not end within %1 s").arg(liveRunLimitMs / 1000);
        return false;
    }
    if (live->status() != LiveController::Status::Finished) {
        *error = live->statusText();
        return false;
    }
    // The picture shows the comparison with the model beside the run.
    if (auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("lessonTabs")))
        tabs->setCurrentWidget(window.liveTab());
    return true;
}

// A program runs until it ends; in virtual time the harness stops it after 60 s anyway.
constexpr int programRunLimitMs = 120000;

// Opens the learner's program, sets its constants and runs it to its end; false with a
// sentence in *error when it could not be opened or did not end in time.
bool runProgram(MainWindow &window, const Invocation &invocation, QString *error)
{
    if (!window.openProgram(invocation.programPath, false, error))
        return false;
    for (const QString &assignment : invocation.assignments) {
        const QString name = assignment.section(QLatin1Char('='), 0, 0);
        bool ok = false;
        const QString text = assignment.section(QLatin1Char('='), 1);
        const double value = text == QLatin1String("True") ? 1.0 : text == QLatin1String("False") ? 0.0 : text.toDouble(&ok);
        if (!ok && text != QLatin1String("True") && text != QLatin1String("False")) {
            *error = ScreenshotCommand::tr("--set %1: '%2' is not a number").arg(name, text);
            return false;
        }
        window.session()->setParameter(name, value);
    }
    QEventLoop waiter;
    QTimer guard;
    guard.setSingleShot(true);
    QObject::connect(&guard, &QTimer::timeout, &waiter, &QEventLoop::quit);
    QObject::connect(window.session(), &LessonSession::programStatusChanged, &waiter, [&waiter, &window] {
        if (!window.session()->programRunning())
            waiter.quit();
    });
    window.programPanel()->run();
    if (window.session()->programRunning()) {
        guard.start(programRunLimitMs);
        waiter.exec();
    }
    if (window.session()->programRunning()) {
        window.session()->stopProgram();
        *error = ScreenshotCommand::tr("the program did not end within %1 s").arg(programRunLimitMs / 1000);
        return false;
    }
    return true;
}

} // namespace

void ScreenshotCommand::preferOffscreen()
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
}

QString ScreenshotCommand::targetProblem(const QString &path)
{
    const QFileInfo info(path);
    if (info.isDir())
        return tr("cannot save the screenshot to '%1': it is a folder").arg(path);
    const QDir folder = info.absoluteDir();
    const QString folderName = QDir::toNativeSeparators(folder.path());
    if (!folder.exists())
        return tr("cannot save the screenshot to '%1': the folder '%2' does not exist").arg(path, folderName);
    if (!QFileInfo(folder.path()).isWritable())
        return tr("cannot save the screenshot to '%1': the folder '%2' is not writable").arg(path, folderName);
    if (info.exists() && !info.isWritable())
        return tr("cannot save the screenshot to '%1': the file is not writable").arg(path);
    return {};
}

QImage ScreenshotCommand::render(const Invocation &invocation, QString *error)
{
    // No settings: the learner's remembered lesson, language and layout neither shape the
    // picture nor change because of it, and every screenshot of the same command is alike.
    MainWindow window(nullptr, false);
    // Rendered into a pixmap, never shown: also on a real display, no window flashes up.
    window.setAttribute(Qt::WA_DontShowOnScreen, true);
    window.setAnimationsEnabled(false);
    window.setLanguage(invocation.language);

    if (!invocation.programPath.isEmpty()) {
        // A learner's program: opened, shown, then run to its end (its values are set in runProgram).
        window.resize(invocation.imageWidth, invocation.imageHeight);
        window.show();
        settle();
        if (!runProgram(window, invocation, error))
            return {};
        settle();
    } else {
        if (!window.openLesson(invocation.lessonId)) {
            if (error)
                *error = tr("the lesson '%1' cannot be shown").arg(invocation.lessonId);
            return {};
        }

        // The values were checked by CommandLine::parse(); read them again to get the numbers.
        const lessons::Lesson *lesson = window.session()->lesson();
        // Live values are set on the live variant (their ranges are wider than the model's).
        for (const QString &assignment : invocation.live ? QStringList() : invocation.assignments) {
            const lessons::ParamInput input = lessons::parse_assignment(*lesson, assignment.toStdString());
            if (input.problem == lessons::ParamProblem::None)
                window.session()->setParameter(QString::fromStdString(input.name), input.number);
        }
        if (invocation.pitfall && !invocation.live)
            window.session()->setPitfall(true);

        window.resize(invocation.imageWidth, invocation.imageHeight);
        window.show();
        settle();
        if (invocation.live) {
            QString problem;
            if (!runLive(window, invocation, &problem)) {
                if (error)
                    *error = problem;
                return {};
            }
            settle();
        }
    }
    // After the layout settled: views that size themselves to the run see the final state.
    window.player()->seekFraction(invocation.atFraction);
    window.finishPendingWork();
    settle();

    const QImage image = window.grab().toImage();
    if (image.isNull() && error)
        *error = tr("the window could not be rendered");
    return image;
}

bool ScreenshotCommand::savePng(const QImage &image, const QString &path, QString *error)
{
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "PNG")) {
        if (error)
            *error = tr("cannot encode the screenshot as PNG");
        return false;
    }

    // The target is either the old file or the whole new picture.
    QString reason;
    if (!saveFile(path, png, &reason)) {
        if (error)
            *error = tr("cannot save the screenshot to '%1': %2").arg(path, reason);
        return false;
    }
    return true;
}

int ScreenshotCommand::run(int &argc, char **argv, const Invocation &invocation)
{
    preferOffscreen();
    previousHandler = qInstallMessageHandler(quietHandler);

    QApplication app(argc, argv);
    prepareApplication(invocation.language);

    // Checked before rendering, so a wrong path fails at once and leaves nothing behind.
    const QString problem = targetProblem(invocation.imagePath);
    if (!problem.isEmpty()) {
        complain(problem);
        return 1;
    }

    QString error;
    const QImage image = render(invocation, &error);
    if (image.isNull()) {
        complain(error);
        return 1;
    }
    // The window's minimum size wins over a smaller --size; say so rather than clip it.
    const QSize size = image.deviceIndependentSize().toSize();
    if (size != QSize(invocation.imageWidth, invocation.imageHeight)) {
        complain(tr("note: the window needs %1x%2 pixels, the screenshot has that size")
                     .arg(size.width())
                     .arg(size.height()));
    }
    if (!savePng(image, invocation.imagePath, &error)) {
        complain(error);
        return 1;
    }
    return 0;
}
