#pragma once

#include <QHash>
#include <QMainWindow>
#include <QPair>
#include <QPointer>

#include <cstddef>
#include <memory>

namespace aio { struct TraceEvent; }

class CodeMap;
class CodePanel;
class LessonListPanel;
class LessonSession;
class LessonTextView;
class LiveController;
class LiveTab;
class ParameterPanel;
class Player;
class PlayerBar;
class BreakPanel;
class PlayPanel;
class ProgramPanel;
class QActionGroup;
class QMenu;
class QSplitter;
class QTabWidget;
class QuizPanel;
class SweepChart;
class VisualizationPanel;

// The lesson player. Left the lessons; in the middle the lesson's text, its code
// (Python and C++), its quiz and the game "You are the event loop" (PlayPanel); right the visualization of the run at the player's
// cursor; below the player bar, the parameters and the sweep plot.
//
// The window reads only LessonSession, Player and CodeMap and feeds the views:
// a new run (Player::runReplaced) re-configures them, every cursor move hands them
// the TraceState at the cursor.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // rememberSettings: restore and store QSettings("Dirigent", "dirigent") (language,
    // geometry, window state, splitters, last lesson, lessons done, speed). Tests that
    // must not depend on earlier runs pass false.
    explicit MainWindow(QWidget *parent = nullptr, bool rememberSettings = true);
    ~MainWindow() override;

    bool openLesson(const QString &id);  // false for an unknown lesson or a placeholder
    QString currentLessonId() const;     // empty while a program is open

    // A learner's own Python program (File > Open Python program, a dropped .py file, `dirigent
    // open`): shown like a lesson, run under CPython by the harness. A file not run from the
    // window before waits for Run (the Program tab says what will run); runNow skips that
    // (the command line's screenshot). False: the file cannot be read (*error says why).
    bool openProgram(const QString &path, bool runNow = false, QString *error = nullptr);
    // A trace saved by `dirigent trace --save` or `dirigent run --save`, shown as a program's
    // ended run. False: the file is not a readable trace (*error: the file, line and column).
    bool openTrace(const QString &path, QString *error = nullptr);
    // A .py file opens as a program, anything else as a trace.
    bool openFile(const QString &path, QString *error = nullptr);
    bool programOpen() const;
    ProgramPanel *programPanel() const { return m_programPanel; }
    LessonSession *session() const { return m_session; }
    Player *player() const { return m_player; }
    LiveController *liveController() const { return m_live; }
    LiveTab *liveTab() const { return m_liveTab; }
    VisualizationPanel *visualization() const { return m_visualization; }
    PlayPanel *playPanel() const { return m_playPanel; }
    // The "break it" levels in their own window (Ctrl+B), made on first use.
    BreakPanel *openBreakIt();
    PlayerBar *playerBar() const { return m_playerBar; }

    // "You are the event loop" (Lesson menu, the player bar's switch, Ctrl+L): on, the Play
    // tab asks at each scheduling decision of the current run which task runs next, and the
    // cursor waits at the decision until it is answered; off (or a new run, another lesson,
    // live mode), the player is the ordinary one again.
    void setPlayMode(bool on);
    bool playMode() const;

    // "de" / "en": installs the translators and retranslates every panel at once.
    void setLanguage(const QString &code);
    QString language() const;

    // Off for screenshots and tests: the views jump to each state.
    void setAnimationsEnabled(bool on);
    bool animationsEnabled() const { return m_animations; }
    // Finishes work that waits for a pause (the sweep plot), so that a picture taken
    // now shows everything.
    void finishPendingWork();

    bool exportViewPng(const QString &path);      // the visualization area as PNG
    bool exportChromeTrace(const QString &path);  // trace::write_chrome_trace
    bool exportTextLog(const QString &path);      // trace::write_text_log

    // Lessons marked done (played to the end or quiz answered right), in curriculum order.
    QStringList doneLessons() const;

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildMenus();
    void buildCentralArea();
    void connectPlayer();
    void retranslateUi();
    void restoreSettings();
    void saveWindowSettings();
    void storeSetting(const QString &key, const QVariant &value);

    void onRunReplaced();
    void onRunGrew();
    void onLiveModeChanged(bool live);
    void onCursorChanged(std::size_t cursor);
    void onPlayQuestionOpen(bool open);
    void onPlayFinished(int right, int asked);
    QPair<int, int> playBest(const QString &lessonId);  // right, of (0 of 0: none yet)
    void showLesson();
    void updateProgramMode();
    void chooseAndOpenProgram();
    void chooseAndOpenTrace();
    void reportOpenFailure(const QString &error);
    void markDone(const QString &id);
    const aio::TraceEvent *scenarioEvent() const;
    void updateWindowTitle();
    void updateTabOrder();
    void updateLanguageActions();

    void chooseAndExportPng();
    void chooseAndExportChromeTrace();
    void chooseAndExportTextLog();
    QString askSavePath(const QString &title, const QString &suffix, const QString &filter);
    void reportExport(bool ok, const QString &path);
    void showAbout();

    bool m_rememberSettings;
    bool m_animations = true;
    bool m_animateNextMove = false;
    std::size_t m_lastCursor = 0;
    bool m_freshRun = true;
    QString m_shownLesson;
    std::unique_ptr<CodeMap> m_codeMap;

    LessonSession *m_session = nullptr;
    Player *m_player = nullptr;
    LiveController *m_live = nullptr;
    LiveTab *m_liveTab = nullptr;
    QAction *m_stopLive = nullptr;

    LessonListPanel *m_lessonList = nullptr;
    QTabWidget *m_lessonTabs = nullptr;
    LessonTextView *m_lessonText = nullptr;
    CodePanel *m_code = nullptr;
    QuizPanel *m_quiz = nullptr;
    PlayPanel *m_playPanel = nullptr;
    ProgramPanel *m_programPanel = nullptr;
    QStringList m_runPrograms; // files run from the window before: not asked about again
    BreakPanel *m_breakPanel = nullptr;
    QAction *m_breakIt = nullptr;
    QAction *m_breakItButton = nullptr; // the same, with a short text for the player bar
    QHash<QString, QPair<int, int>> m_playBest;  // per lesson: right, of
    VisualizationPanel *m_visualization = nullptr;
    PlayerBar *m_playerBar = nullptr;
    ParameterPanel *m_parameters = nullptr;
    SweepChart *m_sweep = nullptr;
    QList<QSplitter *> m_splitters;

    QMenu *m_fileMenu = nullptr;
    QMenu *m_lessonMenu = nullptr;
    QMenu *m_languageMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QAction *m_openProgram = nullptr;
    QAction *m_openTrace = nullptr;
    QAction *m_exportPng = nullptr;
    QAction *m_exportTrace = nullptr;
    QAction *m_exportLog = nullptr;
    QAction *m_quit = nullptr;
    QAction *m_resetParameters = nullptr;
    QAction *m_german = nullptr;
    QAction *m_english = nullptr;
    QAction *m_about = nullptr;
    QActionGroup *m_languageGroup = nullptr;
};
