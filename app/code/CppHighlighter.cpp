#include "code/CppHighlighter.h"

#include <QSet>

namespace {

const QSet<QString> &keywords()
{
    static const QSet<QString> words{
        QStringLiteral("alignas"), QStringLiteral("auto"), QStringLiteral("bool"), QStringLiteral("break"),
        QStringLiteral("case"), QStringLiteral("catch"), QStringLiteral("char"), QStringLiteral("class"),
        QStringLiteral("const"), QStringLiteral("constexpr"), QStringLiteral("continue"),
        QStringLiteral("decltype"), QStringLiteral("default"), QStringLiteral("delete"), QStringLiteral("do"),
        QStringLiteral("double"), QStringLiteral("else"), QStringLiteral("enum"), QStringLiteral("explicit"),
        QStringLiteral("extern"), QStringLiteral("false"), QStringLiteral("float"), QStringLiteral("for"),
        QStringLiteral("if"), QStringLiteral("inline"), QStringLiteral("int"), QStringLiteral("long"),
        QStringLiteral("mutable"), QStringLiteral("namespace"), QStringLiteral("new"),
        QStringLiteral("noexcept"), QStringLiteral("nullptr"), QStringLiteral("operator"),
        QStringLiteral("private"), QStringLiteral("protected"), QStringLiteral("public"),
        QStringLiteral("return"), QStringLiteral("short"), QStringLiteral("signed"), QStringLiteral("sizeof"),
        QStringLiteral("static"), QStringLiteral("static_cast"), QStringLiteral("struct"),
        QStringLiteral("switch"), QStringLiteral("template"), QStringLiteral("this"), QStringLiteral("throw"),
        QStringLiteral("true"), QStringLiteral("try"), QStringLiteral("typename"), QStringLiteral("unsigned"),
        QStringLiteral("using"), QStringLiteral("virtual"), QStringLiteral("void"), QStringLiteral("while")};
    return words;
}

} // namespace

CppHighlighter::CppHighlighter(QTextDocument *document)
    : CodeHighlighter(document)
{
}

void CppHighlighter::highlightBlock(const QString &text)
{
    setCurrentBlockState(Normal);
    const int n = int(text.size());
    int i = 0;

    if (previousBlockState() == InBlockComment) {
        const int end = int(text.indexOf(QLatin1String("*/")));
        if (end < 0) {
            setFormat(0, n, formats().comment);
            setCurrentBlockState(InBlockComment);
            return;
        }
        i = end + 2;
        setFormat(0, i, formats().comment);
    }

    if (i == 0 && text.trimmed().startsWith(QLatin1Char('#'))) {
        setFormat(0, n, formats().directive);
        const int comment = int(text.indexOf(QLatin1String("//")));
        if (comment >= 0)
            setFormat(comment, n - comment, formats().comment);
        return;
    }

    while (i < n) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('/') && i + 1 < n && text.at(i + 1) == QLatin1Char('/')) {
            setFormat(i, n - i, formats().comment);
            return;
        }
        if (c == QLatin1Char('/') && i + 1 < n && text.at(i + 1) == QLatin1Char('*')) {
            const int end = int(text.indexOf(QLatin1String("*/"), i + 2));
            if (end < 0) {
                setFormat(i, n - i, formats().comment);
                setCurrentBlockState(InBlockComment);
                return;
            }
            setFormat(i, end + 2 - i, formats().comment);
            i = end + 2;
            continue;
        }
        if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
            // A raw string R"(...)" on one line, or an ordinary literal with escapes.
            const bool raw = c == QLatin1Char('"') && i > 0 && text.at(i - 1) == QLatin1Char('R');
            int j = i + 1;
            if (raw) {
                const int end = int(text.indexOf(QLatin1String(")\""), j));
                j = end < 0 ? n : end + 2;
            } else {
                while (j < n && text.at(j) != c) {
                    if (text.at(j) == QLatin1Char('\\'))
                        ++j;
                    ++j;
                }
                j = qMin(j + 1, n);
            }
            const int start = raw ? i - 1 : i;
            setFormat(start, j - start, formats().string);
            i = j;
            continue;
        }
        if (isIdentifierStart(c)) {
            int j = i + 1;
            while (j < n && isIdentifierPart(text.at(j)))
                ++j;
            const QString word = text.mid(i, j - i);
            if (word == QLatin1String("co_await") || word == QLatin1String("co_return")
                || word == QLatin1String("co_yield"))
                setFormat(i, j - i, formats().coroutine);
            else if (keywords().contains(word))
                setFormat(i, j - i, formats().keyword);
            else if (word == QLatin1String("aio") || word == QLatin1String("std") || word == QLatin1String("Task"))
                setFormat(i, j - i, formats().name);
            i = j;
            continue;
        }
        if (c.isDigit()) {
            int j = i + 1;
            // Digits, a decimal point, exponents, suffixes and ' separators: 1'000, 0.5s, 250ms.
            while (j < n && (text.at(j).isLetterOrNumber() || text.at(j) == QLatin1Char('.')
                             || text.at(j) == QLatin1Char('\'')))
                ++j;
            setFormat(i, j - i, formats().number);
            i = j;
            continue;
        }
        ++i;
    }
}
