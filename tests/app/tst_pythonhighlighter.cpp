#include "apptest.h"
#include "highlighttest.h"

#include "code/PythonHighlighter.h"

#include <QFont>
#include <QTest>
#include <QTextDocument>

// The Python listing's highlighter: await set apart, comments, strings, numbers.
class TestPythonHighlighter : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { apptest::initTestCase(); }
    void cleanup() { apptest::cleanup(); }

    void pythonHighlighterSetsAwaitApart()
    {
        QTextDocument document;
        document.setPlainText(QStringLiteral("async def main():\n"
                                             "    # wait a while\n"
                                             "    await asyncio.sleep(0.5)  # sleeps\n"
                                             "    log(\"done\")\n"
                                             "    x = \"\"\"one\n"
                                             "two\"\"\"\n"));
        PythonHighlighter highlighter(&document);
        highlighter.rehighlight();
        const QTextCharFormat await = apptest::formatOf(document, QStringLiteral("await"));
        const QTextCharFormat def = apptest::formatOf(document, QStringLiteral("def"));
        const QTextCharFormat comment = apptest::formatOf(document, QStringLiteral("# wait"));
        const QTextCharFormat string = apptest::formatOf(document, QStringLiteral("\"done\""));
        const QTextCharFormat number = apptest::formatOf(document, QStringLiteral("0.5"));
        const QTextCharFormat plain = apptest::formatOf(document, QStringLiteral("main"));
        QCOMPARE(await.fontWeight(), int(QFont::Bold));
        QVERIFY(await.foreground() != def.foreground());
        QVERIFY(def.foreground().style() != Qt::NoBrush);
        QVERIFY(comment.fontItalic());
        QVERIFY(string.foreground().style() != Qt::NoBrush);
        QVERIFY(number.foreground().style() != Qt::NoBrush);
        QVERIFY(plain.foreground().style() == Qt::NoBrush);
        // The second line of the triple-quoted string is a string too.
        QCOMPARE(apptest::formatOf(document, QStringLiteral("two")).foreground(), string.foreground());
        // async and await look the same.
        QCOMPARE(apptest::formatOf(document, QStringLiteral("async")).foreground(), await.foreground());
    }
};

QTEST_MAIN(TestPythonHighlighter)

#include "tst_pythonhighlighter.moc"
