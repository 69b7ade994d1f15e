#include "code/PythonHighlighter.h"

#include <QSet>

namespace {

const QSet<QString> &keywords()
{
    static const QSet<QString> words{
        QStringLiteral("and"), QStringLiteral("as"), QStringLiteral("assert"), QStringLiteral("break"),
        QStringLiteral("class"), QStringLiteral("continue"), QStringLiteral("def"), QStringLiteral("del"),
        QStringLiteral("elif"), QStringLiteral("else"), QStringLiteral("except"), QStringLiteral("finally"),
        QStringLiteral("for"), QStringLiteral("from"), QStringLiteral("global"), QStringLiteral("if"),
        QStringLiteral("import"), QStringLiteral("in"), QStringLiteral("is"), QStringLiteral("lambda"),
        QStringLiteral("nonlocal"), QStringLiteral("not"), QStringLiteral("or"), QStringLiteral("pass"),
        QStringLiteral("raise"), QStringLiteral("return"), QStringLiteral("try"), QStringLiteral("while"),
        QStringLiteral("with"), QStringLiteral("yield"), QStringLiteral("None"), QStringLiteral("True"),
        QStringLiteral("False"), QStringLiteral("match"), QStringLiteral("case")};
    return words;
}

const QSet<QString> &builtins()
{
    static const QSet<QString> words{
        QStringLiteral("print"), QStringLiteral("range"), QStringLiteral("len"), QStringLiteral("str"),
        QStringLiteral("int"), QStringLiteral("float"), QStringLiteral("list"), QStringLiteral("dict"),
        QStringLiteral("self"), QStringLiteral("asyncio"), QStringLiteral("Exception"),
        QStringLiteral("ValueError"), QStringLiteral("RuntimeError"), QStringLiteral("TimeoutError"),
        QStringLiteral("ExceptionGroup"), QStringLiteral("BaseException")};
    return words;
}

// r, b, f, u and their pairs (rb, fr ...), in either case.
bool isStringPrefix(const QString &word)
{
    if (word.size() > 2)
        return false;
    for (QChar c : word) {
        if (!QStringLiteral("rRbBfFuU").contains(c))
            return false;
    }
    return true;
}

} // namespace

PythonHighlighter::PythonHighlighter(QTextDocument *document)
    : CodeHighlighter(document)
{
}

int PythonHighlighter::string(const QString &text, int start, int quoteAt)
{
    const QChar quote = text.at(quoteAt);
    const bool triple = text.mid(quoteAt, 3) == QString(3, quote);
    const QString closing = triple ? QString(3, quote) : QString(quote);
    int i = quoteAt + closing.size();
    while (i < text.size()) {
        if (text.at(i) == QLatin1Char('\\')) {
            i += 2;
            continue;
        }
        if (text.mid(i, closing.size()) == closing) {
            i += closing.size();
            setFormat(start, i - start, formats().string);
            return i;
        }
        ++i;
    }
    setFormat(start, int(text.size()) - start, formats().string);
    if (triple)
        setCurrentBlockState(quote == QLatin1Char('"') ? InTripleDouble : InTripleSingle);
    return int(text.size());
}

void PythonHighlighter::highlightBlock(const QString &text)
{
    setCurrentBlockState(Normal);
    int i = 0;
    const int n = int(text.size());

    // A triple-quoted string that began on an earlier line.
    const int previous = previousBlockState();
    if (previous == InTripleDouble || previous == InTripleSingle) {
        const QString closing(3, QLatin1Char(previous == InTripleDouble ? '"' : '\''));
        const int end = int(text.indexOf(closing));
        if (end < 0) {
            setFormat(0, n, formats().string);
            setCurrentBlockState(previous);
            return;
        }
        i = end + 3;
        setFormat(0, i, formats().string);
    }

    while (i < n) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('#')) {
            setFormat(i, n - i, formats().comment);
            return;
        }
        if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
            i = string(text, i, i);
            continue;
        }
        if (c == QLatin1Char('@') && (i == 0 || text.left(i).trimmed().isEmpty())) {
            int j = i + 1;
            while (j < n && (isIdentifierPart(text.at(j)) || text.at(j) == QLatin1Char('.')))
                ++j;
            setFormat(i, j - i, formats().directive);
            i = j;
            continue;
        }
        if (isIdentifierStart(c)) {
            int j = i + 1;
            while (j < n && isIdentifierPart(text.at(j)))
                ++j;
            const QString word = text.mid(i, j - i);
            // String prefixes: f"...", rb'...'.
            if (j < n && (text.at(j) == QLatin1Char('"') || text.at(j) == QLatin1Char('\''))
                && isStringPrefix(word)) {
                i = string(text, i, j);
                continue;
            }
            if (word == QLatin1String("async") || word == QLatin1String("await"))
                setFormat(i, j - i, formats().coroutine);
            else if (keywords().contains(word))
                setFormat(i, j - i, formats().keyword);
            else if (builtins().contains(word))
                setFormat(i, j - i, formats().name);
            i = j;
            continue;
        }
        if (c.isDigit() || (c == QLatin1Char('.') && i + 1 < n && text.at(i + 1).isDigit())) {
            int j = i + 1;
            while (j < n && (text.at(j).isLetterOrNumber() || text.at(j) == QLatin1Char('.')
                             || text.at(j) == QLatin1Char('_')))
                ++j;
            setFormat(i, j - i, formats().number);
            i = j;
            continue;
        }
        ++i;
    }
}
