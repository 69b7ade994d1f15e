#include "code/CodeHighlighter.h"

CodeHighlighter::CodeHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
    , m_formats(CodeFormats::make(false))
{
}

void CodeHighlighter::setDarkBackground(bool dark)
{
    if (dark == m_dark)
        return;
    m_dark = dark;
    m_formats = CodeFormats::make(m_dark);
    rehighlight();
}
