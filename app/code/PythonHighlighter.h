#pragma once

#include "code/CodeHighlighter.h"

// Colours lesson.py: keywords, strings (also triple-quoted over several lines),
// comments, numbers and decorators; `async` and `await` stand out, because they are
// what the lessons are about. Two colour sets, for light and for dark backgrounds.
class PythonHighlighter : public CodeHighlighter
{
    Q_OBJECT

public:
    explicit PythonHighlighter(QTextDocument *document);

protected:
    void highlightBlock(const QString &text) override;

private:
    // Block states: inside a triple-quoted string that continues on the next line.
    enum State { Normal = 0, InTripleDouble = 1, InTripleSingle = 2 };

    // Highlights a string starting at `start` (at its prefix, if any); returns the index
    // just past it, or text.size() with the block state set if it goes on.
    int string(const QString &text, int start, int quoteAt);
};
