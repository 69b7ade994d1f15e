#pragma once

class QPlainTextEdit;

// Marks one line of a listing (the lessons' listings, the learner's program in its editor): the
// whole line in the softened highlight colour, scrolled into view only when it is out of sight.
// 1-based; 0 (or a line past the end) clears the mark.
void markListingLine(QPlainTextEdit *edit, int line);
