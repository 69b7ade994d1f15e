#include "window/GuiSession.h"

#include "text/ApplicationSetup.h"

#include "cli/Complain.h"
#include "cli/SaveFile.h"
#include "widgets/LessonListPanel.h"
#include "window/LessonTour.h"
#include "window/MainWindow.h"

#include "player/LessonSession.h"
#include "player/ProgramLesson.h"

#include <QApplication>
#include <QIcon>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPixmap>
#include <QTimer>
#include <QtDebug>


namespace {

// Whether --lang was on the command line: then it wins over the remembered language.
// (Invocation::language is also filled from the system locale when it was not.)
bool languageGiven(const Invocation &invocation)
{
    for (const QString &argument : invocation.arguments) {
        if (argument == QLatin1String("--lang") || argument.startsWith(QLatin1String("--lang=")))
            return true;
    }
    return false;
}

// What a person sees first, for the smoke tests: the title bar, the language, and the rows
// of the lesson list as shown (its texts, not its ids).
QByteArray windowReport(const MainWindow &window)
{
    QJsonArray lessons;
    if (const auto *list = window.findChild<LessonListPanel *>()) {
        for (int row = 0; row < list->count(); ++row)
            lessons.append(list->item(row)->text());
    }
    QJsonObject report{{QStringLiteral("title"), window.windowTitle()},
                       {QStringLiteral("language"), window.language()},
                       {QStringLiteral("lesson"), window.currentLessonId()},
                       {QStringLiteral("program"), window.programOpen() && window.session()->program()
                                                       ? window.session()->program()->path() : QString()},
                       {QStringLiteral("visible"), window.isVisible()},
                       {QStringLiteral("lessons"), lessons}};
    return QJsonDocument(report).toJson();
}

} // namespace

int runGuiSession(int &argc, char **argv, const Invocation &invocation)
{
    QApplication app(argc, argv);
    // The menu entry and the icon the package installs (hicolor PNGs: no SVG plugin needed).
    QGuiApplication::setDesktopFileName(QStringLiteral("org.dirigent.Dirigent"));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("org.dirigent.Dirigent")));
    if (!prepareApplication(invocation.language))
        qWarning("dirigent: no translation for '%s', showing the English texts",
                 qUtf8Printable(invocation.language));

    // The window restores the remembered language, if any; --lang overrides it.
    // The tour (a smoke test) leaves the learner's remembered lesson, language and
    // lessons done alone: its window neither reads nor stores settings.
    MainWindow window(nullptr, !invocation.tour);
    if (languageGiven(invocation) && window.language() != invocation.language)
        window.setLanguage(invocation.language);
    // `dirigent open FILE`: a file that cannot be shown is said before any window appears.
    if (!invocation.openPath.isEmpty()) {
        QString error;
        if (!window.openFile(invocation.openPath, &error)) {
            complain(error);
            return 2;
        }
    }
    window.show();

    if (invocation.quitAfterMs >= 0)
        QTimer::singleShot(invocation.quitAfterMs, &app, &QCoreApplication::quit);

    // --tour: every lesson opened and played to its end, then quit (exit code 1 on a failure).
    LessonTour tour(&window);
    if (invocation.tour)
        tour.start();

    // --screenshot FILE and --window-report FILE: once the window stands, save, then quit.
    if (!invocation.screenshotPath.isEmpty() || !invocation.windowReportPath.isEmpty()) {
        const QString imagePath = invocation.screenshotPath;
        const QString reportPath = invocation.windowReportPath;
        window.setAnimationsEnabled(false);
        QTimer::singleShot(0, &window, [&window, imagePath, reportPath] {
            window.finishPendingWork();
            bool ok = true;
            if (!imagePath.isEmpty() && !window.grab().save(imagePath)) {
                qWarning("dirigent: could not save the screenshot to '%s'", qUtf8Printable(imagePath));
                ok = false;
            }
            QString error;
            if (!reportPath.isEmpty() && !saveFile(reportPath, windowReport(window), &error)) {
                qWarning("dirigent: could not save the window report: %s", qUtf8Printable(error));
                ok = false;
            }
            QCoreApplication::exit(ok ? 0 : 1);
        });
    }

    return QApplication::exec();
}
