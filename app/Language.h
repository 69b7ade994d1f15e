#pragma once

#include <QString>
#include <QStringList>

// The languages of the user interface and the translators that provide them.
class Language
{
public:
    static QStringList supported(); // language codes: "en", "de"
    static bool isSupported(const QString &code);

    // The first supported language in the system's preferred UI languages; "en" if none is.
    static QString systemDefault();

    // Installs Dirigent's translator for `code` (embedded under :/i18n) and, when the
    // system has them, Qt's own translations. Needs a QCoreApplication instance.
    // Returns false if Dirigent's translation could not be loaded.
    static bool install(const QString &code);
};
