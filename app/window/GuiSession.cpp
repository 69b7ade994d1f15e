#include "window/GuiSession.h"

#include "text/ApplicationSetup.h"

#include "window/LessonTour.h"
#include "window/MainWindow.h"

#include <QApplication>
#include <QIcon>
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
    window.show();

    if (invocation.quitAfterMs >= 0)
        QTimer::singleShot(invocation.quitAfterMs, &app, &QCoreApplication::quit);

    // --tour: every lesson opened and played to its end, then quit (exit code 1 on a failure).
    LessonTour tour(&window);
    if (invocation.tour)
        tour.start();

    if (!invocation.screenshotPath.isEmpty()) {
        const QString path = invocation.screenshotPath;
        window.setAnimationsEnabled(false);
        QTimer::singleShot(0, &window, [&window, path] {
            window.finishPendingWork();
            if (window.grab().save(path)) {
                QCoreApplication::quit();
            } else {
                qWarning("dirigent: could not save the screenshot to '%s'", qUtf8Printable(path));
                QCoreApplication::exit(1);
            }
        });
    }

    return QApplication::exec();
}
