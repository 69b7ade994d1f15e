#pragma once

#include "code/CodeFormats.h"

#include <QSyntaxHighlighter>

// What the Python and the C++ highlighter share: the colour set for a light or a dark
// background, switched at run time, and what makes an identifier in both languages.
class CodeHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    // Picks the colours for a dark (true) or light background and highlights again.
    void setDarkBackground(bool dark);
    bool darkBackground() const { return m_dark; }

protected:
    explicit CodeHighlighter(QTextDocument *document);

    const CodeFormats &formats() const { return m_formats; }

    static bool isIdentifierStart(QChar c) { return c.isLetter() || c == QLatin1Char('_'); }
    static bool isIdentifierPart(QChar c) { return c.isLetterOrNumber() || c == QLatin1Char('_'); }

private:
    bool m_dark = false;
    CodeFormats m_formats;
};
