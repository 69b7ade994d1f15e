#include "code/CodeFormats.h"

#include <QColor>
#include <QFont>

CodeFormats CodeFormats::make(bool darkBackground)
{
    auto colour = [darkBackground](const char *light, const char *dark) {
        return QColor(QLatin1String(darkBackground ? dark : light));
    };
    CodeFormats f;
    f.keyword.setForeground(colour("#0b4fb3", "#82aaff"));
    f.keyword.setFontWeight(QFont::DemiBold);
    f.coroutine.setForeground(colour("#a3118a", "#f08ce0"));
    f.coroutine.setFontWeight(QFont::Bold);
    f.coroutine.setBackground(colour("#fbe8f7", "#4a2444"));
    f.name.setForeground(colour("#6f4a00", "#e0c080"));
    f.string.setForeground(colour("#1d6b1d", "#a6dc8c"));
    f.comment.setForeground(colour("#6b6b6b", "#9aa0a6"));
    f.comment.setFontItalic(true);
    f.number.setForeground(colour("#b5460b", "#ffab70"));
    f.directive.setForeground(colour("#7a5a00", "#e6c07b"));
    return f;
}
