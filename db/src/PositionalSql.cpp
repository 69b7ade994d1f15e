#include "db/PositionalSql.h"

#include "db/Error.h"

namespace db {

namespace {

bool isNameChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('$');
}

} // namespace

PositionalSql PositionalSql::translate(QStringView in)
{
    PositionalSql out;
    out.sql.reserve(in.size());
    const qsizetype n = in.size();
    qsizetype i = 0;
    // Copies in[from, to) unchanged.
    auto copy = [&](qsizetype from, qsizetype to) { out.sql.append(in.mid(from, to - from)); };

    while (i < n) {
        const QChar c = in[i];
        const QChar next = i + 1 < n ? in[i + 1] : QChar();
        if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            // A quoted string or name runs to its closing quote; a doubled quote is one quote.
            // E'...' (PostgreSQL) also lets a backslash escape the quote.
            const bool escapes = c == QLatin1Char('\'') && i > 0 && (in[i - 1] == QLatin1Char('E') || in[i - 1] == QLatin1Char('e'))
                                 && (i < 2 || !isNameChar(in[i - 2]));
            qsizetype j = i + 1;
            while (j < n) {
                if (escapes && in[j] == QLatin1Char('\\')) {
                    j += 2;
                } else if (in[j] == c) {
                    if (j + 1 < n && in[j + 1] == c)
                        j += 2;
                    else
                        break;
                } else {
                    ++j;
                }
            }
            const qsizetype end = std::min(j + 1, n);
            copy(i, end);
            i = end;
        } else if (c == QLatin1Char('-') && next == QLatin1Char('-')) {
            qsizetype j = in.indexOf(QLatin1Char('\n'), i);
            j = j < 0 ? n : j;
            copy(i, j);
            i = j;
        } else if (c == QLatin1Char('/') && next == QLatin1Char('*')) {
            qsizetype j = in.indexOf(QLatin1String("*/"), i + 2);
            j = j < 0 ? n : j + 2;
            copy(i, j);
            i = j;
        } else if (c == QLatin1Char('$') && next.isDigit() && (i == 0 || !isNameChar(in[i - 1]))) {
            qsizetype j = i + 1;
            int number = 0;
            while (j < n && in[j].isDigit() && number < 100000)
                number = number * 10 + in[j++].digitValue();
            if (number == 0)
                throw Error(QStringLiteral("$0 is no parameter: they count from $1"));
            out.sql.append(QLatin1Char('?'));
            out.parameters.append(number - 1);
            out.highest = std::max(out.highest, number);
            i = j;
        } else if (c == QLatin1Char('$') && (i == 0 || !isNameChar(in[i - 1]))) {
            // PostgreSQL's dollar quoting: $$...$$ or $tag$...$tag$, copied whole.
            qsizetype j = i + 1;
            while (j < n && (in[j].isLetterOrNumber() || in[j] == QLatin1Char('_')))
                ++j;
            const bool tagged = j < n && in[j] == QLatin1Char('$') && (j == i + 1 || !in[i + 1].isDigit());
            if (!tagged) {
                copy(i, i + 1);
                ++i;
                continue;
            }
            const QStringView tag = in.mid(i, j - i + 1);
            qsizetype close = in.indexOf(tag, j + 1);
            const qsizetype end = close < 0 ? n : close + tag.size();
            copy(i, end);
            i = end;
        } else {
            out.sql.append(c);
            ++i;
        }
    }
    return out;
}

QVariantList PositionalSql::bind(const QVariantList &arguments) const
{
    if (arguments.size() != highest) {
        if (highest == 0)
            throw Error(QStringLiteral("the statement takes no arguments, %1 given").arg(arguments.size()));
        throw Error(QStringLiteral("the statement takes %1 argument(s) ($1..$%1), %2 given")
                        .arg(highest)
                        .arg(arguments.size()));
    }
    QVariantList values;
    values.reserve(parameters.size());
    for (int index : parameters)
        values.append(arguments.at(index));
    return values;
}

} // namespace db
