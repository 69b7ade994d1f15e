#include "Language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

QStringList Language::supported()
{
    return {QStringLiteral("en"), QStringLiteral("de")};
}

bool Language::isSupported(const QString &code)
{
    return supported().contains(code);
}

QString Language::systemDefault()
{
    // uiLanguages() lists BCP 47 names in order of preference, e.g. "de-AT", "de", "en-US".
    const QStringList preferred = QLocale::system().uiLanguages();
    for (const QString &name : preferred) {
        const QString code = name.section(QLatin1Char('-'), 0, 0).toLower();
        if (isSupported(code))
            return code;
    }
    return QStringLiteral("en");
}

bool Language::install(const QString &code)
{
    QCoreApplication *app = QCoreApplication::instance();
    Q_ASSERT(app);

    auto *own = new QTranslator(app);
    if (!own->load(QStringLiteral(":/i18n/dirigent_%1.qm").arg(code))) {
        delete own;
        return false;
    }
    QCoreApplication::installTranslator(own);

    // Qt's own strings (standard dialogs, command line parser messages), if installed.
    auto *qt = new QTranslator(app);
    if (qt->load(QLocale(code), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;

    QLocale::setDefault(QLocale(code));
    return true;
}
