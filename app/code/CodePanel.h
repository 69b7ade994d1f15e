#pragma once

#include "player/CodeMap.h"

#include <QList>
#include <QTabWidget>
#include <QUrl>

class QLabel;
class QPlainTextEdit;
class PythonHighlighter;
class CppHighlighter;

// The lesson's two listings, Python (lesson.py) and C++ (the scenario that runs),
// read-only and highlighted; after them, where the lesson has them, the same program written
// with real libraries (live_aiohttp.py, live_httpx.py), each with the command that runs it. The line of the current event's co_await is marked in
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

    // The demo server the commands under the real-library listings point at; an empty URL
    // (none running) makes them start one with `dirigent serve` first.
    void setServerUrl(const QUrl &url);
    QUrl serverUrl() const { return m_serverUrl; }

    QPlainTextEdit *pythonEdit() const { return m_python; }
    QPlainTextEdit *cppEdit() const { return m_cpp; }

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void remarkLater();
    void retranslateUi();
    void updatePalette();
    void rebuildLiveListings();

    struct LiveListing {
        QString file;
        QString commandTemplate; // with "{server}" where the demo server's URL goes
        QWidget *page = nullptr;
        QLabel *command = nullptr;
        QPlainTextEdit *edit = nullptr;
        PythonHighlighter *highlighter = nullptr;
    };
    // The listing's command, the demo server's URL filled in ("URL" while none runs).
    QString commandFor(const LiveListing &listing) const;

    CodeMap m_map;
    QPlainTextEdit *m_python = nullptr;
    QPlainTextEdit *m_cpp = nullptr;
    PythonHighlighter *m_pythonHighlighter = nullptr;
    CppHighlighter *m_cppHighlighter = nullptr;
    int m_cppLine = 0;
    int m_pythonLine = 0;
    QList<LiveListing> m_liveListings;
    QUrl m_serverUrl;
};
