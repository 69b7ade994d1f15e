#include "text/ApplicationSetup.h"

#include "text/Language.h"
#include "text/NumericLocale.h"

#include <QCoreApplication>
#include <QDir>

bool prepareApplication(const QString &language)
{
    keepNumbersMachineReadable();
    QCoreApplication::setApplicationName(QStringLiteral("dirigent"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DIRIGENT_VERSION));
    // An installed copy lets a translator try a new .qm without rebuilding; the build tree has
    // no such folder, and the embedded translations serve.
    const QDir installed(QCoreApplication::applicationDirPath()
                         + QStringLiteral("/../share/dirigent/translations"));
    if (installed.exists())
        Language::setTranslationsDirectory(installed.absolutePath());
    return Language::install(language);
}
