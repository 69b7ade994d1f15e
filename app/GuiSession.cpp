#include "GuiSession.h"

#include "Language.h"
#include "MainWindow.h"

#include <QApplication>
#include <QPixmap>
#include <QTimer>
#include <QtDebug>

int runGuiSession(int &argc, char **argv, const Invocation &invocation)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("dirigent"));
    QApplication::setApplicationVersion(QStringLiteral(DIRIGENT_VERSION));
    if (!Language::install(invocation.language))
        qWarning("dirigent: no translation for '%s', showing the English texts",
                 qUtf8Printable(invocation.language));

    MainWindow window;
    window.show();

    if (invocation.quitAfterMs >= 0)
        QTimer::singleShot(invocation.quitAfterMs, &app, &QCoreApplication::quit);

    if (!invocation.screenshotPath.isEmpty()) {
        const QString path = invocation.screenshotPath;
        QTimer::singleShot(0, &window, [&window, path] {
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
