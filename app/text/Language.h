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
    // system has them, Qt's own translations, replacing those a previous call installed,
    // so the language can change while the program runs. Needs a QCoreApplication.
    // Returns false if Dirigent's translation could not be loaded (the English source
    // texts show then; current() still becomes `code` if it is supported).
    static bool install(const QString &code);

    // A folder searched for dirigent_<code>.qm before the embedded translations (tests,
    // whose executables do not embed them, point it at the build's .qm files).
    static void setTranslationsDirectory(const QString &directory);

    // The language last installed ("en" before any install()). Lesson texts, which come
    // in both languages from the lessons, follow it.
    static QString current();
    static bool isGerman() { return current() == QLatin1String("de"); }
};
