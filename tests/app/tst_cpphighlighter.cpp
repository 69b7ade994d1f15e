#include "apptest.h"
#include "highlighttest.h"

#include "code/CppHighlighter.h"

#include <QFont>
#include <QTest>
#include <QTextDocument>

// The C++ listing's highlighter: co_await set apart, comments, the dark background.
class TestCppHighlighter : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { apptest::initTestCase(); }
    void cleanup() { apptest::cleanup(); }

    void cppHighlighterSetsCoAwaitApartAndFollowsTheBackground()
    {
        QTextDocument document;
        document.setPlainText(QStringLiteral("#include <aio/aio.hpp>\n"
                                             "/* a comment\n"
                                             "   over lines */\n"
                                             "aio::Task<void> step() {\n"
                                             "    co_await aio::sleep(0.5);  // sleeps\n"
                                             "    co_return;\n"
                                             "}\n"));
        CppHighlighter highlighter(&document);
        highlighter.rehighlight();
        const QTextCharFormat coAwait = apptest::formatOf(document, QStringLiteral("co_await"));
        QCOMPARE(coAwait.fontWeight(), int(QFont::Bold));
        QCOMPARE(apptest::formatOf(document, QStringLiteral("co_return")).foreground(), coAwait.foreground());
        QVERIFY(apptest::formatOf(document, QStringLiteral("over lines")).fontItalic());
        QVERIFY(apptest::formatOf(document, QStringLiteral("// sleeps")).fontItalic());
        QVERIFY(apptest::formatOf(document, QStringLiteral("void")).foreground() != coAwait.foreground());

        const QBrush light = coAwait.foreground();
        highlighter.setDarkBackground(true);
        const QBrush dark = apptest::formatOf(document, QStringLiteral("co_await")).foreground();
        QVERIFY(light != dark);
        // Lighter on a dark background.
        QVERIFY(dark.color().lightness() > light.color().lightness());
    }
};

QTEST_MAIN(TestCppHighlighter)

#include "tst_cpphighlighter.moc"
