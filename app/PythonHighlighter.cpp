#include "PythonHighlighter.h"

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

bool isIdentifierStart(QChar c) { return c.isLetter() || c == QLatin1Char('_'); }
bool isIdentifierPart(QChar c) { return c.isLetterOrNumber() || c == QLatin1Char('_'); }

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
    : QSyntaxHighlighter(document)
{
    makeFormats();
}

void PythonHighlighter::setDarkBackground(bool dark)
{
    if (dark == m_dark)
        return;
    m_dark = dark;
    makeFormats();
    rehighlight();
}

void PythonHighlighter::makeFormats()
{
    // Each pair: light background, dark background. The dark set is lighter and less saturated.
    auto colour = [this](const char *light, const char *dark) { return QColor(QLatin1String(m_dark ? dark : light)); };
    m_keyword = {};
    m_keyword.setForeground(colour("#0b4fb3", "#82aaff"));
    m_keyword.setFontWeight(QFont::DemiBold);
    m_async = {};
    m_async.setForeground(colour("#a3118a", "#f08ce0"));
    m_async.setFontWeight(QFont::Bold);
    m_async.setBackground(colour("#fbe8f7", "#4a2444"));
    m_builtin = {};
    m_builtin.setForeground(colour("#6f4a00", "#e0c080"));
    m_string = {};
    m_string.setForeground(colour("#1d6b1d", "#a6dc8c"));
    m_comment = {};
    m_comment.setForeground(colour("#6b6b6b", "#9aa0a6"));
    m_comment.setFontItalic(true);
    m_number = {};
    m_number.setForeground(colour("#b5460b", "#ffab70"));
    m_decorator = {};
    m_decorator.setForeground(colour("#7a5a00", "#e6c07b"));
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
            setFormat(start, i - start, m_string);
            return i;
        }
        ++i;
    }
    setFormat(start, int(text.size()) - start, m_string);
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
            setFormat(0, n, m_string);
            setCurrentBlockState(previous);
            return;
        }
        i = end + 3;
        setFormat(0, i, m_string);
    }

    while (i < n) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('#')) {
            setFormat(i, n - i, m_comment);
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
            setFormat(i, j - i, m_decorator);
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
                setFormat(i, j - i, m_async);
            else if (keywords().contains(word))
                setFormat(i, j - i, m_keyword);
            else if (builtins().contains(word))
                setFormat(i, j - i, m_builtin);
            i = j;
            continue;
        }
        if (c.isDigit() || (c == QLatin1Char('.') && i + 1 < n && text.at(i + 1).isDigit())) {
            int j = i + 1;
            while (j < n && (text.at(j).isLetterOrNumber() || text.at(j) == QLatin1Char('.')
                             || text.at(j) == QLatin1Char('_')))
                ++j;
            setFormat(i, j - i, m_number);
            i = j;
            continue;
        }
        ++i;
    }
}
