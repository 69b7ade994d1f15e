#include "MainWindow.h"

#include <QCoreApplication>
#include <QLabel>
#include <QTest>
#include <QTranslator>

// The main window, shown offscreen. The German translation is loaded from the .qm file
// that the build made from translations/dirigent_de.ts (its folder: DIRIGENT_QM_DIR).
class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    static QLabel *label(const MainWindow &window, const char *name)
    {
        return window.findChild<QLabel *>(QLatin1String(name));
    }

private slots:
    void titleNamesTheProgramAndItsVersion()
    {
        MainWindow window;
        QCOMPARE(window.windowTitle(), QStringLiteral("Dirigent " DIRIGENT_EXPECTED_VERSION));
    }

    void welcomeSaysWhatDirigentIs()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        QLabel *heading = label(window, "welcomeHeading");
        QLabel *summary = label(window, "welcomeSummary");
        QVERIFY(heading && summary);
        QCOMPARE(heading->text(), QStringLiteral("Welcome to Dirigent"));
        QVERIFY(summary->text().contains(QStringLiteral("asyncio")));
        QVERIFY(heading->alignment() & Qt::AlignHCenter);
        QVERIFY(summary->isVisible());

        // Tall enough for every wrapped line of the welcome text.
        QVERIFY2(summary->height() >= summary->heightForWidth(summary->width()),
                 qPrintable(QStringLiteral("%1 px high, needs %2")
                                .arg(summary->height())
                                .arg(summary->heightForWidth(summary->width()))));

        // Centred: the heading sits in the middle of the window, give or take a pixel.
        const QPoint centre = heading->mapTo(&window, heading->rect().center());
        QVERIFY2(qAbs(centre.x() - window.width() / 2) <= 1,
                 qPrintable(QStringLiteral("heading centre %1, window width %2")
                                .arg(centre.x()).arg(window.width())));
    }

    void installingATranslatorRetranslatesAnOpenWindow()
    {
        const QString qmDir = qEnvironmentVariable("DIRIGENT_QM_DIR");
        if (qmDir.isEmpty())
            QSKIP("DIRIGENT_QM_DIR is not set");

        MainWindow window;
        window.show();
        QLabel *heading = label(window, "welcomeHeading");
        QVERIFY(heading);

        QTranslator german;
        QVERIFY2(german.load(QStringLiteral("dirigent_de"), qmDir), qPrintable(qmDir));
        // QApplication passes the LanguageChange on to the windows as a posted event.
        QVERIFY(QCoreApplication::installTranslator(&german));
        QTRY_COMPARE(heading->text(), QStringLiteral("Willkommen bei Dirigent"));
        QCOMPARE(window.windowTitle(), QStringLiteral("Dirigent " DIRIGENT_EXPECTED_VERSION));

        QVERIFY(QCoreApplication::removeTranslator(&german));
        QTRY_COMPARE(heading->text(), QStringLiteral("Welcome to Dirigent"));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
