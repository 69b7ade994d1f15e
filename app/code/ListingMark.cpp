#include "code/ListingMark.h"

#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTextBlock>

void markListingLine(QPlainTextEdit *edit, int line)
{
    QList<QTextEdit::ExtraSelection> selections;
    const QTextBlock block = line > 0 ? edit->document()->findBlockByNumber(line - 1) : QTextBlock();
    if (block.isValid()) {
        QTextEdit::ExtraSelection mark;
        // The highlight colour, softened so that the syntax colours stay readable on it.
        const QPalette palette = edit->palette();
        QColor colour = palette.color(QPalette::Highlight);
        colour.setAlpha(palette.color(QPalette::Base).lightness() < 128 ? 110 : 70);
        mark.format.setBackground(colour);
        mark.format.setProperty(QTextFormat::FullWidthSelection, true);
        mark.cursor = QTextCursor(block);
        mark.cursor.clearSelection();
        selections.append(mark);

        // Scrolled into view (a third from the top) only when it is not visible yet,
        // so the listing does not jump at every step. Without wrapping, the scroll bar
        // counts lines.
        QScrollBar *bar = edit->verticalScrollBar();
        const int lineHeight = qMax(1, edit->fontMetrics().lineSpacing());
        const int visibleLines = qMax(1, edit->viewport()->height() / lineHeight);
        const int first = bar->value();
        // A line at the very edge counts as out of view (it may be cut in half).
        if (line - 1 < first + 1 || line - 1 >= first + visibleLines - 2)
            bar->setValue(qMax(0, line - 1 - visibleLines / 3));
    }
    edit->setExtraSelections(selections);
}
