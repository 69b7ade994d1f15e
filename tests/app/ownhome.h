#pragma once

// main() of a suite whose settings live in a home of their own: never the learner's, and
// not those of another suite (or another function of the same suite) running at the same
// time. QTEST_MAIN with a temporary HOME around it.

#include <QApplication>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace apptest {

template <class Test>
int runInOwnHome(int argc, char **argv)
{
    QTemporaryDir home;
    if (!home.isValid())
        return 1;
    qputenv("HOME", QFile::encodeName(home.path()));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(home.filePath(QStringLiteral("config"))));
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    Test test;
    return QTest::qExec(&test, argc, argv);
}

}  // namespace apptest
