#include "text/Language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QPointer>
#include <QTranslator>

namespace {

// The translators of the last install(); removed by the next one. QPointer: they are
// children of the application and die with it (tests create several applications).
QPointer<QTranslator> &ownTranslator()
{
    static QPointer<QTranslator> translator;
    return translator;
}

QPointer<QTranslator> &qtTranslator()
{
    static QPointer<QTranslator> translator;
    return translator;
}

QString &translationsDirectory()
{
    static QString directory;
    return directory;
}

QString &currentCode()
{
    static QString code = QStringLiteral("en");
    return code;
}

void removeTranslator(QPointer<QTranslator> &translator)
{
    if (!translator)
        return;
    QCoreApplication::removeTranslator(translator);
    delete translator;
    translator = nullptr;
}

} // namespace

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

    // The old translators go first: the newest installed translator wins a lookup, so
    // keeping them would only cost memory, but removing them after switching back to a
    // language without a .qm file would leave the old texts showing.
    removeTranslator(ownTranslator());
    removeTranslator(qtTranslator());
    if (isSupported(code)) {
        currentCode() = code;
        QLocale::setDefault(QLocale(code));
    }

    auto *own = new QTranslator(app);
    const QString name = QStringLiteral("dirigent_%1").arg(code);
    const bool loaded = (!translationsDirectory().isEmpty() && own->load(name, translationsDirectory()))
                        || own->load(QStringLiteral(":/i18n/%1.qm").arg(name));
    if (!loaded) {
        delete own;
        return false;
    }
    QCoreApplication::installTranslator(own);
    ownTranslator() = own;

    // Qt's own strings (standard dialogs, command line parser messages), if installed.
    auto *qt = new QTranslator(app);
    if (qt->load(QLocale(code), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        qtTranslator() = qt;
    } else {
        delete qt;
    }
    return true;
}

void Language::setTranslationsDirectory(const QString &directory)
{
    translationsDirectory() = directory;
}

QString Language::current()
{
    return currentCode();
}
