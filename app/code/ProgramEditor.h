#pragma once

#include <QPlainTextEdit>

class PythonHighlighter;

// The learner's own program, editable, highlighted as Python. The line of the current
// event's await is marked (as the lesson listings mark theirs). Ctrl+R and Ctrl+S belong to
// the editor while it has the focus: they ask for a run and a save (the window's own Ctrl+R,
// restart the player, would otherwise take the key).
class ProgramEditor : public QPlainTextEdit
{
    Q_OBJECT

public:
    explicit ProgramEditor(QWidget *parent = nullptr);

    // 1-based; 0 clears the mark. Scrolled into view only when it is out of sight.
    void markLine(int line);
    int markedLine() const { return m_line; }

signals:
    void runRequested();
    void saveRequested();

protected:
    bool event(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    static bool isRunKey(const QKeyEvent *key);
    static bool isSaveKey(const QKeyEvent *key);
    void updatePalette();

    PythonHighlighter *m_highlighter = nullptr;
    int m_line = 0;
};
