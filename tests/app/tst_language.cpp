#include "apptest.h"

#include "text/Language.h"

#include <QCoreApplication>
#include <QTest>

// Installing a UI language: the translator it replaces, the texts it changes.
class TestLanguage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { apptest::initTestCase(); }
    void cleanup() { apptest::cleanup(); }

    void installingALanguageReplacesThePreviousTranslator()
    {
        if (qEnvironmentVariable("DIRIGENT_QM_DIR").isEmpty())
            QSKIP("DIRIGENT_QM_DIR is not set");
        const char *source = "unsupported language '%1', choose de or en";
        QVERIFY(Language::install(QStringLiteral("de")));
        QCOMPARE(Language::current(), QStringLiteral("de"));
        QVERIFY(QCoreApplication::translate("CommandLine", source) != QLatin1String(source));
        QVERIFY(Language::install(QStringLiteral("en")));
        QCOMPARE(Language::current(), QStringLiteral("en"));
        // The German translator is gone: the English text shows again.
        QCOMPARE(QCoreApplication::translate("CommandLine", source), QLatin1String(source));
    }
};

QTEST_MAIN(TestLanguage)

#include "tst_language.moc"
