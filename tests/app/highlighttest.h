#pragma once

// What the suites of the two highlighters (tst_pythonhighlighter.cpp, tst_cpphighlighter.cpp)
// share: a look at the formats a highlighter gave a document.

#include <QString>
#include <QTextBlock>
#include <QTextCharFormat>
#include <QTextDocument>
#include <QTextLayout>

namespace apptest {

// The format the highlighter gave the first occurrence of `word` in the document.
inline QTextCharFormat formatOf(const QTextDocument &document, const QString &word)
{
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        const int at = int(block.text().indexOf(word));
        if (at < 0)
            continue;
        for (const QTextLayout::FormatRange &range : block.layout()->formats()) {
            if (range.start <= at && at < range.start + range.length)
                return range.format;
        }
        return {};
    }
    return {};
}

}  // namespace apptest
