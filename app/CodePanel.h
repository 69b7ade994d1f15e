#pragma once

#include <CodeMap.h>

#include <QTabWidget>

class QPlainTextEdit;
class PythonHighlighter;
class CppHighlighter;

// The lesson's two listings, Python (lesson.py) and C++ (the scenario that runs),
// read-only and highlighted. The line of the current event's co_await is marked in
// the C++ tab and the line with the same tag in the Python tab, and both are
// scrolled into view.
class CodePanel : public QTabWidget
{
    Q_OBJECT

public:
    explicit CodePanel(QWidget *parent = nullptr);

    // Shows the listings of a lesson (a copy of the map is kept). Clears the marks.
    void setCodeMap(const CodeMap &map);
    // Marks the line of `event` (Player::currentLocatedEvent()); nullptr clears the marks.
    void setCurrentEvent(const aio::TraceEvent *event);

    // 1-based marked lines, 0: none (tests).
    int currentCppLine() const { return m_cppLine; }
    int currentPythonLine() const { return m_pythonLine; }

    QPlainTextEdit *pythonEdit() const { return m_python; }
    QPlainTextEdit *cppEdit() const { return m_cpp; }

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void remarkLater();
    void retranslateUi();
    void updatePalette();
    void markLine(QPlainTextEdit *edit, int line);

    CodeMap m_map;
    QPlainTextEdit *m_python = nullptr;
    QPlainTextEdit *m_cpp = nullptr;
    PythonHighlighter *m_pythonHighlighter = nullptr;
    CppHighlighter *m_cppHighlighter = nullptr;
    int m_cppLine = 0;
    int m_pythonLine = 0;
};
