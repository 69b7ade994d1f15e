#pragma once

#include "code/CodeFormats.h"

#include <QSyntaxHighlighter>

// Colours scenario.cpp: keywords, strings and character literals, comments (also
// block comments over several lines), numbers and preprocessor lines; `co_await`,
// `co_return` and `co_yield` stand out like `await` in the Python tab.
// Two colour sets, for light and for dark backgrounds.
class CppHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    explicit CppHighlighter(QTextDocument *document);

    void setDarkBackground(bool dark);
    bool darkBackground() const { return m_dark; }

protected:
    void highlightBlock(const QString &text) override;

private:
    enum State { Normal = 0, InBlockComment = 1 };

    void makeFormats();

    bool m_dark = false;
    CodeFormats m_formats;
};
