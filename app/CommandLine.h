#pragma once

#include "Invocation.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

// The command line of `dirigent`: parsing, help, version, and error messages.
//
// parse() needs no QCoreApplication, so main() can read the arguments first and only
// then create the kind of application the invocation needs. The texts (helpText(),
// problemMessage()) are built when asked for, so they come out in the language
// whose translator is installed at that moment.
class CommandLine
{
    Q_DECLARE_TR_FUNCTIONS(CommandLine)

public:
    static QStringList argumentsOf(int argc, char **argv);
    static Invocation parse(const QStringList &arguments);

    static QString versionText(); // "dirigent 0.1.0"
    static QString helpText();    // needs a QCoreApplication instance
    static QString problemMessage(const Invocation &invocation); // one line, no newline
};
