#pragma once

#include "code/CodeHighlighter.h"

// Colours scenario.cpp: keywords, strings and character literals, comments (also
// block comments over several lines), numbers and preprocessor lines; `co_await`,
// `co_return` and `co_yield` stand out like `await` in the Python tab.
// Two colour sets, for light and for dark backgrounds.
class CppHighlighter : public CodeHighlighter
{
    Q_OBJECT

public:
    explicit CppHighlighter(QTextDocument *document);

protected:
    void highlightBlock(const QString &text) override;

private:
    enum State { Normal = 0, InBlockComment = 1 };
};
