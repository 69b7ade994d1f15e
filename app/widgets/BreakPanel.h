#pragma once

#ifndef Q_MOC_RUN
#include <levels/play.hpp>
#include <levels/search.hpp>
#endif

#include <QList>
#include <QWidget>

#include <cstddef>
#include <optional>
#include <vector>

class PythonHighlighter;
class QAction;
class QComboBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTextBrowser;
class QVBoxLayout;

// "Break it" in the window (its own top-level window, Ctrl+B in the main window): one level
// at a time. Left: what to break and the program (the broken one; after the break, the fixed
// one). Right: the moves the game offers whenever every task waits (buttons, keys 1–9), what
// the program printed and the watched values, and the verdict. When the program breaks, the
// lines after the move that broke it are marked, the level's explanation shows, and the
// search tries every order of the fixed program and says that none breaks it.
//
// The game re-runs the level from the start for every pick (levels::play with the picks so
// far), so undo (U, Backspace) and restart (R) are exact. Broken levels are remembered
// (QSettings break/<id>/broken).
class BreakPanel : public QWidget
{
    Q_OBJECT

public:
    explicit BreakPanel(QWidget *parent = nullptr);
    ~BreakPanel() override;

    // Opens level `index` (of levels::all_levels()), broken version, no move played.
    void openLevel(int index);
    int levelIndex() const { return m_level; }
    // Plays the fixed version of the open level (after the break, or to convince oneself).
    void playFixed(bool fixed);
    bool playingFixed() const { return m_fixed; }

    // Plays move `index` (0-based) of the open decision, as its button does.
    bool pick(int index);
    void undo();
    void restart();

    const levels::Outcome &outcome() const { return m_outcome; }
    const std::vector<std::size_t> &picks() const { return m_picks; }
    QList<QPushButton *> moveButtons() const { return m_moveButtons; }
    // What the verdict line says (empty while the game goes on).
    QString verdictText() const;
    // The program lines as shown, and which of them come after the breaking move.
    QStringList shownLines() const;
    QList<int> markedLines() const;
    // The explanation shown after the break (empty before).
    QString lessonText() const;
    // The search's word on the fixed version (empty before the break).
    QString fixedVerdict() const;
    int brokenCount() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void replay();
    void showOutcome();
    void retranslateUi();
    void fillLevelList();
    void markBroken();
    void showPrograms(bool showsFix);

    int m_level = -1;
    bool m_fixed = false;
    std::vector<std::size_t> m_picks;
    levels::Outcome m_outcome;
    // The search over every order of the fixed program, made once per level (on its first
    // break) and worded when shown, so that it follows the language.
    std::optional<levels::SearchResult> m_fixedSearch;
    int m_fixedSearchLevel = -1;

    QLabel *m_intro = nullptr;
    QComboBox *m_levelList = nullptr;
    QLabel *m_progress = nullptr;
    QTextBrowser *m_goal = nullptr;
    QTabWidget *m_programs = nullptr;
    QPlainTextEdit *m_program = nullptr;      // the broken program
    QPlainTextEdit *m_fixedProgram = nullptr; // the fixed one: its tab opens after the break
    PythonHighlighter *m_highlighter = nullptr;
    PythonHighlighter *m_fixedHighlighter = nullptr;
    bool m_wasBroken = false;
    QLabel *m_question = nullptr;
    QVBoxLayout *m_moveLayout = nullptr;
    QList<QPushButton *> m_moveButtons;
    QList<QAction *> m_pickActions;
    QPushButton *m_undo = nullptr;
    QPushButton *m_restart = nullptr;
    QPushButton *m_fixedButton = nullptr;
    QLabel *m_watches = nullptr;
    QLabel *m_printedTitle = nullptr;
    QListWidget *m_printed = nullptr;
    QLabel *m_verdict = nullptr;
    QTextBrowser *m_lesson = nullptr;
};
