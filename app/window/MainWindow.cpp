#include "window/MainWindow.h"

#include "code/CodePanel.h"
#include "text/Language.h"
#include "widgets/LessonListPanel.h"
#include "widgets/LessonTextView.h"
#include "player/LiveController.h"
#include "widgets/LiveTab.h"
#include "widgets/ParameterPanel.h"
#include "widgets/PlayerBar.h"
#include "widgets/BreakPanel.h"
#include "widgets/PlayPanel.h"
#include "widgets/ProgramPanel.h"
#include "code/ProgramEditor.h"
#include "player/ProgramLesson.h"
#include "player/ProgramTracer.h"
#include "widgets/QuizPanel.h"
#include "widgets/SweepChart.h"
#include "widgets/SettingsKeys.h"
#include "widgets/VisualizationPanel.h"
#include "widgets/LessonLang.h"
#include "cli/SaveFile.h"

#include "player/CodeMap.h"
#include "views/EventLoopView.h"
#include "player/LessonSession.h"
#include "player/Player.h"
#include "views/TimelineView.h"
#include "views/TraceView.h"

#include <lessons/lesson.hpp>
#include <live/LiveVariants.h>
#include <trace/chrome_trace.hpp>
#include <trace/recorder.hpp>
#include <trace/text_log.hpp>
#include <trace/trace_file.hpp>

#include <QAbstractSpinBox>
#include <QAction>
#include <QBuffer>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QMimeData>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QSignalBlocker>
#include <QSlider>
#include <QSplitter>
#include <QStandardPaths>
#include <QStringDecoder>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>
#include <QUrl>
#include <QTextEdit>
#include <QVBoxLayout>

#include <fstream>
#include <sstream>
#include <variant>

namespace {

QSettings settings()
{
    return SettingsKeys::open();
}

// The keys of the player's shortcuts; text fields and sliders with the focus keep them.
bool isPlayerKey(const QKeyEvent *key)
{
    const Qt::KeyboardModifiers modifiers = key->modifiers() & ~Qt::KeypadModifier;
    switch (key->key()) {
    case Qt::Key_Space:
    case Qt::Key_Home:
    case Qt::Key_End:
        return modifiers == Qt::NoModifier;
    case Qt::Key_Left:
    case Qt::Key_Right:
        return modifiers == Qt::NoModifier || modifiers == Qt::ShiftModifier;
    default:
        return false;
    }
}

// The digits that pick a candidate in "You are the event loop".
bool isPickKey(const QKeyEvent *key)
{
    const Qt::KeyboardModifiers modifiers = key->modifiers() & ~Qt::KeypadModifier;
    return modifiers == Qt::NoModifier && key->key() >= Qt::Key_1 && key->key() <= Qt::Key_9;
}

bool writeString(const QString &path, const std::string &text)
{
    return saveFile(path, QByteArray(text.data(), qsizetype(text.size())));
}

} // namespace

MainWindow::MainWindow(QWidget *parent, bool rememberSettings)
    : QMainWindow(parent)
    , m_rememberSettings(rememberSettings)
    , m_codeMap(std::make_unique<CodeMap>())
{
    setObjectName(QStringLiteral("mainWindow"));
    m_session = new LessonSession(this);
    m_player = new Player(m_session, this);
    m_live = new LiveController(m_session, this);

    buildCentralArea();
    buildMenus();
    connectPlayer();
    retranslateUi();

    // Text fields, buttons and parameter sliders keep the keys they use themselves.
    qApp->installEventFilter(this);

    const QSize preferred(1366, 768);
    const QScreen *screen = QGuiApplication::primaryScreen();
    if (screen && QGuiApplication::platformName() != QLatin1String("offscreen"))
        resize(preferred.boundedTo(screen->availableSize()));
    else
        resize(preferred);

    restoreSettings();
    if (currentLessonId().isEmpty()) {
        for (const lessons::Lesson *lesson : lessons::registry()) {
            if (!lesson->placeholder && openLesson(QString::fromStdString(lesson->id)))
                break;
        }
    }
}

MainWindow::~MainWindow()
{
    qApp->removeEventFilter(this);
    // A live run feeds the session and the views: it ends before they go.
    m_live->abort();
}

void MainWindow::buildCentralArea()
{
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 2);
    layout->setSpacing(2);

    auto *horizontal = new QSplitter(Qt::Horizontal, central);
    horizontal->setObjectName(QStringLiteral("mainSplitter"));
    horizontal->setChildrenCollapsible(false);
    layout->addWidget(horizontal, 1);

    // Left: the lessons, and under them the lesson's parameters (a narrow column that
    // would otherwise stay empty below the nine lessons).
    auto *side = new QSplitter(Qt::Vertical, horizontal);
    side->setObjectName(QStringLiteral("sideSplitter"));
    side->setChildrenCollapsible(false);
    m_lessonList = new LessonListPanel(side);
    m_lessonList->setMinimumWidth(150);
    auto *parameterScroll = new QScrollArea(side);
    parameterScroll->setObjectName(QStringLiteral("parameterArea"));
    parameterScroll->setWidgetResizable(true);
    parameterScroll->setFocusPolicy(Qt::NoFocus);  // its sliders take the focus
    parameterScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_parameters = new ParameterPanel(m_session, m_live, parameterScroll);
    parameterScroll->setWidget(m_parameters);
    side->setStretchFactor(0, 2);
    side->setStretchFactor(1, 3);
    side->setSizes({260, 420});

    // Middle: what there is to read (text, code, quiz) and the sweep plot.
    m_lessonTabs = new QTabWidget(horizontal);
    m_lessonTabs->setObjectName(QStringLiteral("lessonTabs"));
    m_lessonText = new LessonTextView(m_lessonTabs);
    m_code = new CodePanel(m_lessonTabs);
    m_quiz = new QuizPanel(m_session, m_lessonTabs);
    m_sweep = new SweepChart(m_session, m_lessonTabs);
    m_lessonTabs->addTab(m_lessonText, QString());
    m_lessonTabs->addTab(m_code, QString());
    m_lessonTabs->addTab(m_quiz, QString());
    // "You are the event loop", beside the views it quizzes on.
    m_playPanel = new PlayPanel(m_session, m_lessonTabs);
    m_lessonTabs->addTab(m_playPanel, QString());
    m_lessonTabs->addTab(m_sweep, QString());
    // A learner's own program: only while one is open.
    m_programPanel = new ProgramPanel(m_session, m_lessonTabs);
    m_lessonTabs->addTab(m_programPanel, QString());
    m_lessonTabs->setTabVisible(m_lessonTabs->indexOf(m_programPanel), false);
    // Model versus measured: only in live mode.
    m_liveTab = new LiveTab(m_live, m_lessonTabs);
    m_lessonTabs->addTab(m_liveTab, QString());
    m_lessonTabs->setTabVisible(m_lessonTabs->indexOf(m_liveTab), false);

    // Right: the run.
    m_visualization = new VisualizationPanel(horizontal);
    horizontal->setStretchFactor(0, 0);
    horizontal->setStretchFactor(1, 2);
    horizontal->setStretchFactor(2, 5);
    horizontal->setSizes({210, 400, 750});

    m_playerBar = new PlayerBar(m_player, central);
    layout->addWidget(m_playerBar);

    setCentralWidget(central);
    m_splitters = {horizontal, side};
    m_splitters += m_visualization->splitters();

    updateTabOrder();

    connect(m_lessonList, &LessonListPanel::lessonChosen, this, [this](const QString &id) {
        // Unsaved edits of a program kept (Cancel): the list shows the program's state again.
        if (!openLesson(id))
            m_lessonList->setCurrentLesson(currentLessonId());
    });
    connect(m_programPanel, &ProgramPanel::consented, this, [this](const QString &path) {
        if (m_runPrograms.contains(path))
            return;
        m_runPrograms.append(path);
        storeSetting(SettingsKeys::runPrograms, m_runPrograms);
    });
    setAcceptDrops(true);
    connect(m_quiz, &QuizPanel::checked, this, [this](bool allCorrect) {
        if (allCorrect)
            markDone(currentLessonId());
    });
    connect(m_visualization, &VisualizationPanel::seekRequested, this, [this](qulonglong cursor) {
        // A click on the timeline does not leave an open question of the game.
        if (!m_playerBar->locked())
            m_player->seek(std::size_t(cursor));
    });
    for (QSplitter *splitter : std::as_const(m_splitters)) {
        connect(splitter, &QSplitter::splitterMoved, this, [this, splitter] {
            storeSetting(SettingsKeys::splitter(splitter->objectName()), splitter->saveState());
        });
    }
}

void MainWindow::buildMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->setObjectName(QStringLiteral("fileMenu"));
    m_openProgram = m_fileMenu->addAction(QString(), this, &MainWindow::chooseAndOpenProgram);
    m_openProgram->setObjectName(QStringLiteral("openProgramAction"));
    m_openProgram->setShortcut(QKeySequence::Open);
    m_openTrace = m_fileMenu->addAction(QString(), this, &MainWindow::chooseAndOpenTrace);
    m_openTrace->setObjectName(QStringLiteral("openTraceAction"));
    m_fileMenu->addSeparator();
    m_exportPng = m_fileMenu->addAction(QString(), this, &MainWindow::chooseAndExportPng);
    m_exportPng->setObjectName(QStringLiteral("exportPngAction"));
    m_exportTrace = m_fileMenu->addAction(QString(), this, &MainWindow::chooseAndExportChromeTrace);
    m_exportTrace->setObjectName(QStringLiteral("exportTraceAction"));
    m_exportLog = m_fileMenu->addAction(QString(), this, &MainWindow::chooseAndExportTextLog);
    m_exportLog->setObjectName(QStringLiteral("exportLogAction"));
    m_fileMenu->addSeparator();
    m_quit = m_fileMenu->addAction(QString(), this, &QWidget::close);
    m_quit->setObjectName(QStringLiteral("quitAction"));
    m_quit->setShortcut(QKeySequence::Quit);
    m_quit->setMenuRole(QAction::QuitRole);

    m_lessonMenu = menuBar()->addMenu(QString());
    m_lessonMenu->setObjectName(QStringLiteral("lessonMenu"));
    m_lessonMenu->addAction(m_playerBar->playAction());
    m_lessonMenu->addSeparator();
    m_lessonMenu->addAction(m_playerBar->stepBackAction());
    m_lessonMenu->addAction(m_playerBar->stepForwardAction());
    m_lessonMenu->addAction(m_playerBar->previousIterationAction());
    m_lessonMenu->addAction(m_playerBar->nextIterationAction());
    m_lessonMenu->addAction(m_playerBar->toStartAction());
    m_lessonMenu->addAction(m_playerBar->toEndAction());
    m_lessonMenu->addSeparator();
    m_lessonMenu->addAction(m_playerBar->restartAction());
    m_lessonMenu->addAction(m_playerBar->gameAction());
    m_breakIt = m_lessonMenu->addAction(QString(), this, [this] { openBreakIt(); });
    m_breakIt->setObjectName(QStringLiteral("breakItAction"));
    m_breakIt->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    addAction(m_breakIt);
    // The player bar must still fit an 800 px window: its button has a short text.
    m_breakItButton = new QAction(this);
    connect(m_breakItButton, &QAction::triggered, this, [this] { openBreakIt(); });
    m_playerBar->addGameButton(m_breakItButton, QStringLiteral("breakItButton"));
    // Esc stops a live run (the Stop button does the same).
    m_stopLive = m_lessonMenu->addAction(QString(), this, [this] {
        if (m_session->programRunning())
            m_session->stopProgram();
        else
            m_live->stop();
    });
    m_stopLive->setObjectName(QStringLiteral("stopLiveAction"));
    m_stopLive->setShortcut(QKeySequence(Qt::Key_Escape));
    m_stopLive->setShortcutContext(Qt::WindowShortcut);
    m_stopLive->setEnabled(false);
    addAction(m_stopLive);
    m_resetParameters = m_lessonMenu->addAction(QString(), this, [this] {
        if (m_live->liveMode())
            m_live->resetToDefaults();
        else
            m_session->resetToDefaults();
    });
    m_resetParameters->setObjectName(QStringLiteral("resetParametersAction"));
    // Home and End have no button: added here so their shortcuts work window-wide
    // even when the menu bar is hidden (a native menu bar, say).
    addAction(m_playerBar->toStartAction());
    addAction(m_playerBar->toEndAction());
    addAction(m_playerBar->gameAction());
    // The game's keys 1 to 9, wherever the focus is (text fields keep their digits).
    addActions(m_playPanel->pickActions());

    m_languageMenu = menuBar()->addMenu(QString());
    m_languageMenu->setObjectName(QStringLiteral("languageMenu"));
    m_languageGroup = new QActionGroup(this);
    m_languageGroup->setExclusive(true);
    // Each language in its own name, so a learner finds theirs whatever is shown now.
    m_german = m_languageMenu->addAction(QStringLiteral("Deutsch"));
    m_german->setObjectName(QStringLiteral("lang_de"));
    m_english = m_languageMenu->addAction(QStringLiteral("English"));
    m_english->setObjectName(QStringLiteral("lang_en"));
    for (QAction *action : {m_german, m_english}) {
        action->setCheckable(true);
        m_languageGroup->addAction(action);
    }
    connect(m_german, &QAction::triggered, this, [this] { setLanguage(QStringLiteral("de")); });
    connect(m_english, &QAction::triggered, this, [this] { setLanguage(QStringLiteral("en")); });
    updateLanguageActions();

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->setObjectName(QStringLiteral("helpMenu"));
    m_about = m_helpMenu->addAction(QString(), this, &MainWindow::showAbout);
    m_about->setObjectName(QStringLiteral("aboutAction"));
    m_about->setMenuRole(QAction::AboutRole);
}

void MainWindow::connectPlayer()
{
    connect(m_player, &Player::runReplaced, this, &MainWindow::onRunReplaced);
    connect(m_player, &Player::runGrew, this, &MainWindow::onRunGrew);
    connect(m_live, &LiveController::liveModeChanged, this, &MainWindow::onLiveModeChanged);
    connect(m_session, &LessonSession::programStatusChanged, this, [this] {
        m_stopLive->setEnabled(m_session->programRunning() || m_live->running());
    });
    connect(m_live, &LiveController::runningChanged, this, [this](bool running) {
        m_stopLive->setEnabled(running);
        m_playerBar->setLiveRunning(running);
        // The commands under the real-library listings name the running demo server.
        m_code->setServerUrl(m_live->serverUrl());
        // The blocking lesson's point is its lag meter: show it while the run goes on.
        if (running && m_live->isBlockingLesson())
            m_lessonTabs->setCurrentWidget(m_liveTab);
    });
    connect(m_playerBar, &PlayerBar::liveRunRequested, m_live, &LiveController::start);
    // A sweep still due is computed before the live run starts (the sweep's worker thread has
    // its own loop; this keeps the live run's first seconds free of it).
    connect(m_live, &LiveController::aboutToStart, m_sweep, &SweepChart::recomputeNow);
    connect(m_player, &Player::cursorChanged, this, &MainWindow::onCursorChanged);
    connect(m_player, &Player::playingChanged, this, [this](bool playing) {
        // Played to the end: the lesson is done.
        if (!playing && m_player->length() > 0 && m_player->cursor() >= m_player->length())
            markDone(currentLessonId());
    });
    connect(m_player, &Player::speedChanged, this, [this](double speed) {
        storeSetting(SettingsKeys::speed, speed);
    });
    connect(m_playerBar, &PlayerBar::iterationJump, this, [this] { m_animateNextMove = true; });

    connect(m_playerBar->gameAction(), &QAction::toggled, this, &MainWindow::setPlayMode);
    connect(m_playPanel, &PlayPanel::startRequested, this, [this] { setPlayMode(true); });
    connect(m_playPanel, &PlayPanel::stopRequested, this, [this] { setPlayMode(false); });
    connect(m_playPanel, &PlayPanel::questionOpenChanged, this, &MainWindow::onPlayQuestionOpen);
    connect(m_playPanel, &PlayPanel::gameFinished, this, &MainWindow::onPlayFinished);
    connect(m_playPanel, &PlayPanel::seekRequested, this, [this](qulonglong position) {
        // After a right pick the tokens glide through what ran until the next decision.
        m_animateNextMove = m_playPanel->answered() > 0;
        m_player->seek(std::size_t(position));
    });
}

bool MainWindow::playMode() const
{
    return m_playerBar->gameAction()->isChecked();
}

void MainWindow::setPlayMode(bool on)
{
    QAction *game = m_playerBar->gameAction();
    // The switch, the menu and the panel's buttons all come here.
    const auto showSwitch = [game](bool checked) {
        const QSignalBlocker blocker(game);
        game->setChecked(checked);
    };
    if (!on) {
        showSwitch(false);
        m_playPanel->stop();
        return;
    }
    // The game is about the model's run of the current parameters.
    if (m_live->liveMode() || !m_session->hasRun() || m_session->isExternalRun()) {
        showSwitch(false);
        return;
    }
    m_player->pause();
    m_lessonTabs->setCurrentWidget(m_playPanel);
    const QPair<int, int> best = playBest(currentLessonId());
    m_playPanel->setBest(best.first, best.second);
    const bool started = m_playPanel->start();
    showSwitch(started);
    // Keyboard: Tab and Enter go on from the first candidate (the digits work anywhere).
    if (started && !m_playPanel->candidateButtons().isEmpty())
        m_playPanel->candidateButtons().first()->setFocus(Qt::ShortcutFocusReason);
}

void MainWindow::onPlayQuestionOpen(bool open)
{
    // Nothing may tell the answer while the question is open: the cursor stays on the
    // decision, the event loop view hides the ready queue's order, and the timeline, which
    // shows the whole run, steps aside.
    m_playerBar->setLocked(open);
    m_visualization->eventLoopView()->setReadyOrderHidden(open);
    m_visualization->timelineView()->setVisible(!open);
}

QPair<int, int> MainWindow::playBest(const QString &lessonId)
{
    if (lessonId.isEmpty())
        return {0, 0};
    const auto found = m_playBest.constFind(lessonId);
    if (found != m_playBest.constEnd())
        return *found;
    QPair<int, int> best{0, 0};
    if (m_rememberSettings) {
        QSettings s = settings();
        best = {s.value(SettingsKeys::playBest(lessonId), 0).toInt(), s.value(SettingsKeys::playBestOf(lessonId), 0).toInt()};
        if (best.second <= 0 || best.first < 0 || best.first > best.second)
            best = {0, 0};
    }
    m_playBest.insert(lessonId, best);
    return best;
}

void MainWindow::onPlayFinished(int right, int asked)
{
    const QString id = currentLessonId();
    if (id.isEmpty() || asked <= 0)
        return;
    const QPair<int, int> best = playBest(id);
    // Better: a higher share right at the first try; at the same share, the longer game.
    const qint64 now = qint64(right) * best.second;
    const qint64 before = qint64(best.first) * asked;
    if (best.second == 0 || now > before || (now == before && asked > best.second)) {
        m_playBest.insert(id, {right, asked});
        storeSetting(SettingsKeys::playBest(id), right);
        storeSetting(SettingsKeys::playBestOf(id), asked);
    }
    const QPair<int, int> shown = m_playBest.value(id);
    m_playPanel->setBest(shown.first, shown.second);
}

bool MainWindow::openLesson(const QString &id)
{
    const lessons::Lesson *lesson = lessons::find(id.toStdString());
    if (!lesson || lesson->placeholder)
        return false;
    if (id == currentLessonId() && m_session->hasRun())
        return true;
    if (programOpen() && !m_programPanel->maybeKeepEdits())
        return false;
    m_player->pause();
    m_live->abort();
    if (!m_session->open(id))
        return false;
    updateProgramMode();
    m_live->lessonChanged();  // back to the model, the switch only where there is a live variant
    m_parameters->rebuild();
    showLesson();  // in case the session did not announce the new run
    m_player->toStart();
    m_lessonList->setCurrentLesson(id);
    storeSetting(SettingsKeys::lastLesson, id);
    return true;
}

QString MainWindow::currentLessonId() const
{
    return m_session->lesson() && !m_session->isProgram() ? m_session->lessonId() : QString();
}

bool MainWindow::programOpen() const
{
    return m_session->isProgram();
}

bool MainWindow::openFile(const QString &path, QString *error)
{
    return path.endsWith(QLatin1String(".py"), Qt::CaseInsensitive) ? openProgram(path, false, error)
                                                                     : openTrace(path, error);
}

bool MainWindow::openProgram(const QString &path, bool runNow, QString *error)
{
    const QFileInfo info(path);
    const auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    const QString shown = QDir::toNativeSeparators(path);
    if (!info.exists())
        return fail(tr("%1 does not exist.").arg(shown));
    if (info.isDir())
        return fail(tr("%1 is a folder, not a Python program.").arg(shown));
    QFile file(info.absoluteFilePath());
    // A program is a few hundred lines; anything this large is not one to read in an editor.
    constexpr qint64 largest = qint64(4) << 20;
    if (info.size() > largest)
        return fail(tr("%1 is larger than 4 MiB: not a program to trace here.").arg(shown));
    if (!file.open(QIODevice::ReadOnly))
        return fail(tr("%1 cannot be read: %2").arg(shown, file.errorString()));
    const QByteArray bytes = file.readAll();
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString source = decoder.decode(bytes);
    if (decoder.hasError() || bytes.contains('\0'))
        return fail(tr("%1 is not a Python program: it is not UTF-8 text.").arg(shown));
    if (programOpen() && !m_programPanel->maybeKeepEdits())
        return fail({});

    // A file that does not parse still opens: the editor is where it gets fixed.
    QList<ProgramTracer::Constant> constants;
    QString problem;
    ProgramTracer::readConstants(info.absoluteFilePath(), {}, &constants, &problem);
    auto program = std::make_shared<ProgramLesson>(info.absoluteFilePath(), source, constants);
    const bool run = runNow || m_runPrograms.contains(program->path());
    m_player->pause();
    setPlayMode(false);
    m_live->abort();
    m_session->setRealTime(false);
    m_session->openProgram(program, false);
    m_live->lessonChanged();
    updateProgramMode();
    m_parameters->rebuild();
    showLesson();
    m_programPanel->programOpened(!run);
    m_lessonTabs->setCurrentWidget(m_programPanel);
    if (run)
        m_programPanel->run();
    return true;
}

bool MainWindow::openTrace(const QString &path, QString *error)
{
    const QString shown = QDir::toNativeSeparators(path);
    const auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (QFileInfo(path).isDir())
        return fail(tr("%1 is a folder, not a trace.").arg(shown));
    std::ifstream in(QFile::encodeName(path).toStdString(), std::ios::binary);
    if (!in)
        return fail(tr("%1 cannot be read.").arg(shown));
    auto result = trace::read_trace_file(in);
    if (const auto *problem = std::get_if<trace::TraceFileError>(&result))
        return fail(tr("%1 is not a trace Dirigent can read: %2").arg(shown, QString::fromStdString(problem->to_string())));
    if (programOpen() && !m_programPanel->maybeKeepEdits())
        return fail({});
    auto loaded = std::make_shared<trace::LoadedTrace>(std::move(std::get<trace::LoadedTrace>(result)));
    std::shared_ptr<trace::Recorder> recorder(loaded, loaded->recorder.get());

    // The program the trace came from, if it is still there: its source and line marks.
    const auto named = loaded->header.values.find("program");
    const QString programPath = named != loaded->header.values.end() ? QString::fromStdString(named->second) : QString();
    QString source;
    QFile programFile(programPath);
    if (!programPath.isEmpty() && programPath.endsWith(QLatin1String(".py")) && programFile.open(QIODevice::ReadOnly)
        && programFile.size() <= (qint64(4) << 20))
        source = QString::fromUtf8(programFile.readAll());
    auto program = std::make_shared<ProgramLesson>(source.isEmpty() ? QFileInfo(path).absoluteFilePath() : programPath,
                                                   source, QList<ProgramTracer::Constant>{});
    m_player->pause();
    setPlayMode(false);
    m_live->abort();
    m_session->openTrace(program, recorder);
    m_live->lessonChanged();
    updateProgramMode();
    m_parameters->rebuild();
    showLesson();
    m_programPanel->programOpened(true);
    m_player->toStart();
    return true;
}

void MainWindow::updateProgramMode()
{
    const bool program = programOpen();
    // A program has no C++ twin, no quiz, no game and no sweep: its own tab instead.
    for (QWidget *tab : {static_cast<QWidget *>(m_code), static_cast<QWidget *>(m_quiz),
                         static_cast<QWidget *>(m_playPanel), static_cast<QWidget *>(m_sweep)})
        m_lessonTabs->setTabVisible(m_lessonTabs->indexOf(tab), !program);
    m_lessonTabs->setTabVisible(m_lessonTabs->indexOf(m_programPanel), program);
    if (!program && m_lessonTabs->currentWidget() == m_programPanel)
        m_lessonTabs->setCurrentWidget(m_lessonText);
    m_playerBar->gameAction()->setEnabled(!program && !m_live->liveMode());
    if (program)
        m_lessonList->clearSelection();
}

void MainWindow::chooseAndOpenProgram()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Python program"), QDir::homePath(),
                                                      tr("Python programs (*.py)"));
    QString error;
    if (!path.isEmpty() && !openProgram(path, false, &error))
        reportOpenFailure(error);
}

void MainWindow::chooseAndOpenTrace()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open saved trace"), QDir::homePath(),
                                                      tr("Dirigent traces (*.trace *.jsonl);;All files (*)"));
    QString error;
    if (!path.isEmpty() && !openTrace(path, &error))
        reportOpenFailure(error);
}

void MainWindow::reportOpenFailure(const QString &error)
{
    if (!error.isEmpty()) // empty: the learner kept unsaved edits (Cancel)
        QMessageBox::warning(this, tr("Cannot open"), error);
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.first().isLocalFile())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() != 1 || !urls.first().isLocalFile())
        return;
    event->acceptProposedAction();
    const QString path = urls.first().toLocalFile();
    // After the drop has ended: a message box inside the drop would block the source.
    QTimer::singleShot(0, this, [this, path] {
        QString error;
        if (!openFile(path, &error))
            reportOpenFailure(error);
    });
}

void MainWindow::showLesson()
{
    const lessons::Lesson *lesson = m_session->lesson();
    // A program's id too ("program:" and its path): another program is another page.
    const QString id = lesson ? m_session->lessonId() : QString();
    if (id == m_shownLesson)
        return;
    m_shownLesson = id;
    m_lessonText->setLesson(lesson);
    *m_codeMap = lesson && !m_session->isProgram() ? CodeMap(*lesson) : CodeMap();
    m_code->setCodeMap(*m_codeMap);
    // The parameter panel rebuilt its sliders at LessonSession::paramsChanged.
    updateTabOrder();
    m_sweep->lessonChanged();
    m_lessonList->setCurrentLesson(id);
    updateWindowTitle();
}

void MainWindow::updateTabOrder()
{
    // The lessons, the lesson's parameters (under them), the lesson's tabs, then the
    // views and the player bar (in the order they were made).
    QWidget *previous = m_lessonList;
    for (QWidget *widget : m_parameters->focusOrder()) {
        setTabOrder(previous, widget);
        previous = widget;
    }
    setTabOrder(previous, m_lessonTabs);
}

void MainWindow::onRunReplaced()
{
    // Another lesson, a slider, a live run: the game's decisions were the old run's.
    if (m_playPanel->active())
        setPlayMode(false);
    showLesson();
    if (!m_session->hasRun())
        return;
    const lessons::Lesson *lesson = m_session->lesson();
    // A live run draws what the live variant says (its session's connections, say), with
    // the values it ran with.
    const bool live = lesson && m_session->isExternalRun() && live::liveLesson(QString::fromStdString(lesson->id));
    if (live)
        lesson = live::liveLesson(QString::fromStdString(lesson->id));
    double poolSize = 0;
    if (lesson && !lesson->pool_size_parameter.empty()) {
        const QString id = QString::fromStdString(lesson->pool_size_parameter);
        poolSize = live ? m_live->parameter(id) : m_session->parameter(id);
    }
    m_visualization->setRun(&m_session->recorder(), lesson, poolSize);
    // The next cursor update shows another run: no animation from the old one.
    m_freshRun = true;
}

void MainWindow::onRunGrew()
{
    // The live run recorded more (at most ~20 times a second): the timeline and the object
    // views take the longer trace; the cursor update follows.
    if (m_session->hasRun())
        m_visualization->runGrew(&m_session->recorder());
}

void MainWindow::onLiveModeChanged(bool live)
{
    // The game quizzes on the model's run.
    if (live)
        setPlayMode(false);
    m_playerBar->gameAction()->setEnabled(!live);
    m_playerBar->setLiveMode(live);
    const int index = m_lessonTabs->indexOf(m_liveTab);
    m_lessonTabs->setTabVisible(index, live);
    if (!live && m_lessonTabs->currentIndex() == index)
        m_lessonTabs->setCurrentWidget(m_lessonText);
    m_liveTab->refresh();
}

void MainWindow::onCursorChanged(std::size_t cursor)
{
    if (!m_session->hasRun())
        return;
    const std::size_t delta = cursor > m_lastCursor ? cursor - m_lastCursor : m_lastCursor - cursor;
    // Animate single steps, iteration jumps and playing; a scrub, Home/End or a new
    // run jumps (tokens gliding across half the run would only blur it).
    const bool animated = m_animations && !m_freshRun && !m_playerBar->scrubbing()
                          && (m_player->playing() || m_player->followingHead() || delta <= 1 || m_animateNextMove);
    m_animateNextMove = false;
    m_freshRun = false;
    m_lastCursor = cursor;

    m_visualization->setState(m_player->state(), m_player->currentEvent(), animated);
    if (programOpen())
        m_programPanel->setCurrentEvent(m_player->currentLocatedEvent());
    else
        m_code->setCurrentEvent(scenarioEvent());
    if (m_player->playing() && m_player->length() > 0 && cursor >= m_player->length())
        markDone(currentLessonId());
}

const aio::TraceEvent *MainWindow::scenarioEvent() const
{
    // The newest located event may lie in the library (a gather or a task group awaits
    // inside aio); the code panel shows the newest one in the lesson's own scenario.
    const aio::TraceEvent *located = m_player->currentLocatedEvent();
    if (!located || m_codeMap->cppLineOf(*located) > 0)
        return located;
    constexpr std::size_t lookBack = 4096;
    const trace::Recorder &recorder = m_session->recorder();
    const std::size_t cursor = std::min(m_player->cursor(), recorder.size());
    const std::size_t stop = cursor > lookBack ? cursor - lookBack : 0;
    for (std::size_t i = cursor; i > stop; --i) {
        const aio::TraceEvent &event = recorder[i - 1];
        if (event.file && m_codeMap->cppLineOf(event) > 0)
            return &event;
    }
    return nullptr;
}

void MainWindow::markDone(const QString &id)
{
    if (id.isEmpty() || !m_lessonList->markDone(id))
        return;
    storeSetting(SettingsKeys::doneLessons, m_lessonList->done());
}

QStringList MainWindow::doneLessons() const
{
    return m_lessonList->done();
}

void MainWindow::setLanguage(const QString &code)
{
    if (!Language::isSupported(code))
        return;
    if (!Language::install(code))
        qWarning("dirigent: no translation for '%s', showing the English texts", qUtf8Printable(code));
    // The translators post LanguageChange to every window: deliver it now, so that
    // everything is in the new language when this returns.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LanguageChange);
    updateLanguageActions();
    storeSetting(SettingsKeys::language, code);
}

QString MainWindow::language() const
{
    return Language::current();
}

void MainWindow::updateLanguageActions()
{
    m_german->setChecked(Language::current() == QLatin1String("de"));
    m_english->setChecked(Language::current() == QLatin1String("en"));
}

void MainWindow::setAnimationsEnabled(bool on)
{
    m_animations = on;
    for (TraceView *view : m_visualization->views())
        view->setAnimated(on);
}

void MainWindow::finishPendingWork()
{
    m_sweep->recomputeNow();
    // Show the cursor's state once more without animation: a picture shows where the
    // tokens are, not where they glide to.
    const bool animations = m_animations;
    setAnimationsEnabled(false);
    if (m_session->hasRun())
        m_visualization->setState(m_player->state(), m_player->currentEvent(), false);
    setAnimationsEnabled(animations);
}

bool MainWindow::exportViewPng(const QString &path)
{
    const QPixmap picture = m_visualization->grab();
    if (picture.isNull())
        return false;
    QByteArray png;
    QBuffer buffer(&png);
    return buffer.open(QIODevice::WriteOnly) && picture.save(&buffer, "PNG") && saveFile(path, png);
}

bool MainWindow::exportChromeTrace(const QString &path)
{
    if (!m_session->hasRun())
        return false;
    std::ostringstream out;
    trace::write_chrome_trace(m_session->recorder(), out);
    return writeString(path, out.str());
}

bool MainWindow::exportTextLog(const QString &path)
{
    if (!m_session->hasRun())
        return false;
    std::ostringstream out;
    trace::write_text_log(m_session->recorder(), out);
    return writeString(path, out.str());
}

QString MainWindow::askSavePath(const QString &title, const QString &suffix, const QString &filter)
{
    QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (folder.isEmpty())
        folder = QDir::homePath();
    const QString base = programOpen() ? QFileInfo(m_session->program()->path()).completeBaseName() : currentLessonId();
    const QString proposal = QDir(folder).filePath(base + QLatin1Char('.') + suffix);
    QString path = QFileDialog::getSaveFileName(this, title, proposal, filter);
    if (!path.isEmpty() && QFileInfo(path).suffix().isEmpty())
        path += QLatin1Char('.') + suffix;
    return path;
}

void MainWindow::reportExport(bool ok, const QString &path)
{
    if (ok)
        statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 5000);
    else
        QMessageBox::warning(this, tr("Export failed"),
                             tr("Could not write %1.").arg(QDir::toNativeSeparators(path)));
}

void MainWindow::chooseAndExportPng()
{
    const QString path = askSavePath(tr("Export view as PNG"), QStringLiteral("png"), tr("PNG images (*.png)"));
    if (!path.isEmpty())
        reportExport(exportViewPng(path), path);
}

void MainWindow::chooseAndExportChromeTrace()
{
    const QString path = askSavePath(tr("Export trace as Chrome JSON"), QStringLiteral("json"),
                                     tr("Chrome trace files (*.json)"));
    if (!path.isEmpty())
        reportExport(exportChromeTrace(path), path);
}

void MainWindow::chooseAndExportTextLog()
{
    const QString path = askSavePath(tr("Export log as text"), QStringLiteral("txt"), tr("Text files (*.txt)"));
    if (!path.isEmpty())
        reportExport(exportTextLog(path), path);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Dirigent"),
                       tr("<h3>Dirigent %1</h3>"
                          "<p>Dirigent shows how async/await works, the way Python's asyncio does it: "
                          "the event loop passes control from task to task, and every lesson lets you "
                          "watch it step by step.</p>"
                          "<p>Built with Qt %2.</p>")
                           .arg(QStringLiteral(DIRIGENT_VERSION), QString::fromLatin1(qVersion())));
}

void MainWindow::updateWindowTitle()
{
    // The program's name and version are the same in every language; the lesson's title is not.
    const QString program = QStringLiteral("Dirigent " DIRIGENT_VERSION);
    const lessons::Lesson *lesson = m_session->lesson();
    if (!lesson) {
        setWindowTitle(program);
        return;
    }
    const lessons::Lang lang = lessonLang();
    setWindowTitle(QStringLiteral("%1 — %2").arg(QString::fromStdString(lesson->title.in(lang)), program));
}

void MainWindow::retranslateUi()
{
    m_fileMenu->setTitle(tr("&File"));
    m_openProgram->setText(tr("&Open Python program…"));
    m_openTrace->setText(tr("Open saved &trace…"));
    m_exportPng->setText(tr("Export view as &PNG…"));
    m_exportTrace->setText(tr("Export trace as &Chrome JSON…"));
    m_exportLog->setText(tr("Export &log as text…"));
    m_quit->setText(tr("&Quit"));
    m_lessonMenu->setTitle(tr("&Lesson"));
    m_resetParameters->setText(tr("Reset &parameters"));
    m_breakIt->setText(tr("&Break it: levels…"));
    m_breakIt->setToolTip(tr("Break it: pick the order in which I/O completes until a program breaks (Ctrl+B)"));
    m_breakItButton->setText(tr("Break it"));
    m_breakItButton->setToolTip(m_breakIt->toolTip());
    m_languageMenu->setTitle(tr("L&anguage"));
    m_helpMenu->setTitle(tr("&Help"));
    m_about->setText(tr("&About Dirigent"));

    m_lessonTabs->setTabText(m_lessonTabs->indexOf(m_lessonText), tr("Text"));
    m_lessonTabs->setTabText(m_lessonTabs->indexOf(m_code), tr("Code"));
    m_lessonTabs->setTabText(m_lessonTabs->indexOf(m_quiz), tr("Quiz"));
    m_lessonTabs->setTabText(m_lessonTabs->indexOf(m_sweep), tr("Sweep"));
    m_lessonTabs->setTabText(m_lessonTabs->indexOf(m_liveTab), tr("Live"));
    m_lessonTabs->setTabText(m_lessonTabs->indexOf(m_programPanel), tr("Program"));
    m_lessonTabs->setTabToolTip(m_lessonTabs->indexOf(m_programPanel),
                                tr("Your program: edit it, run it again (Ctrl+R), switch to real time"));
    m_lessonTabs->setTabToolTip(m_lessonTabs->indexOf(m_liveTab),
                                tr("The model's prediction beside what the live run measured"));
    m_liveTab->setAccessibleName(tr("Model and measurement"));
    m_stopLive->setText(tr("S&top live run"));
    m_lessonTabs->setTabToolTip(m_lessonTabs->indexOf(m_sweep),
                                tr("How a figure of the run changes with one parameter"));
    m_lessonTabs->setTabToolTip(m_lessonTabs->indexOf(m_quiz), tr("Answer before you play the run"));
    m_lessonTabs->setTabText(m_lessonTabs->indexOf(m_playPanel), tr("Game"));
    m_lessonTabs->setTabToolTip(m_lessonTabs->indexOf(m_playPanel),
                                tr("You are the event loop: pick the task that runs next (Ctrl+L)"));
    m_playPanel->setAccessibleName(tr("You are the event loop"));
    m_lessonTabs->setAccessibleName(tr("Lesson"));
    m_lessonTabs->tabBar()->setAccessibleName(tr("Lesson sections"));
    m_quiz->setAccessibleName(tr("Quiz"));
    m_code->setAccessibleName(tr("Code"));
    m_parameters->setAccessibleName(tr("Parameters"));
    m_playerBar->setAccessibleName(tr("Player"));
    updateWindowTitle();
}

BreakPanel *MainWindow::openBreakIt()
{
    if (!m_breakPanel) {
        m_breakPanel = new BreakPanel(this);
        m_breakPanel->setWindowFlag(Qt::Window);
    }
    m_breakPanel->show();
    m_breakPanel->raise();
    m_breakPanel->activateWindow();
    return m_breakPanel;
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QMainWindow::changeEvent(event);
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    // A ShortcutOverride accepted by the focus widget sends the key to that widget
    // instead of triggering the shortcut.
    if (event->type() == QEvent::ShortcutOverride) {
        auto *widget = qobject_cast<QWidget *>(watched);
        auto *key = static_cast<QKeyEvent *>(event);
        if (widget && widget->window() == this && isPickKey(key)) {
            // A digit picks a candidate of the game, except where it is typed.
            bool keep = qobject_cast<QLineEdit *>(widget) || qobject_cast<QAbstractSpinBox *>(widget);
            if (auto *combo = qobject_cast<QComboBox *>(widget))
                keep = combo->isEditable();
            else if (auto *edit = qobject_cast<QPlainTextEdit *>(widget))
                keep = !edit->isReadOnly();
            else if (auto *edit = qobject_cast<QTextEdit *>(widget))
                keep = !edit->isReadOnly();
            if (keep) {
                event->accept();
                return true;
            }
        }
        if (widget && widget->window() == this && isPlayerKey(key)) {
            const bool arrows = key->key() != Qt::Key_Space;
            bool keep = false;
            if (qobject_cast<QLineEdit *>(widget) || qobject_cast<QAbstractSpinBox *>(widget))
                keep = true;
            else if (auto *combo = qobject_cast<QComboBox *>(widget))
                keep = combo->isEditable() || arrows;
            else if (auto *edit = qobject_cast<QPlainTextEdit *>(widget))
                keep = !edit->isReadOnly();
            else if (auto *edit = qobject_cast<QTextEdit *>(widget))
                keep = !edit->isReadOnly();
            else if (qobject_cast<QRadioButton *>(widget))
                keep = true;  // Space chooses, arrows move between the answers
            else if (qobject_cast<QAbstractButton *>(widget))
                keep = !arrows;  // Space presses the focused button
            else if (auto *slider = qobject_cast<QAbstractSlider *>(widget))
                keep = arrows && slider != m_playerBar->scrubSlider();
            if (keep) {
                event->accept();
                return true;
            }
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::storeSetting(const QString &key, const QVariant &value)
{
    if (m_rememberSettings)
        settings().setValue(key, value);
}

void MainWindow::restoreSettings()
{
    if (!m_rememberSettings)
        return;
    QSettings s = settings();
    const QString language = s.value(SettingsKeys::language).toString();
    if (Language::isSupported(language) && language != Language::current())
        setLanguage(language);
    if (s.contains(SettingsKeys::geometry))
        restoreGeometry(s.value(SettingsKeys::geometry).toByteArray());
    if (s.contains(SettingsKeys::windowState))
        restoreState(s.value(SettingsKeys::windowState).toByteArray());
    for (QSplitter *splitter : std::as_const(m_splitters)) {
        const QString key = SettingsKeys::splitter(splitter->objectName());
        if (s.contains(key))
            splitter->restoreState(s.value(key).toByteArray());
    }
    m_lessonList->setDone(s.value(SettingsKeys::doneLessons).toStringList());
    m_runPrograms = s.value(SettingsKeys::runPrograms).toStringList();
    bool ok = false;
    const double speed = s.value(SettingsKeys::speed).toDouble(&ok);
    if (ok)
        m_player->setSpeed(speed);
    const QString last = s.value(SettingsKeys::lastLesson).toString();
    if (!last.isEmpty())
        openLesson(last);
}

void MainWindow::saveWindowSettings()
{
    if (!m_rememberSettings)
        return;
    QSettings s = settings();
    s.setValue(SettingsKeys::geometry, saveGeometry());
    s.setValue(SettingsKeys::windowState, saveState());
    for (QSplitter *splitter : std::as_const(m_splitters))
        s.setValue(SettingsKeys::splitter(splitter->objectName()), splitter->saveState());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (programOpen() && !m_programPanel->maybeKeepEdits()) {
        event->ignore();
        return;
    }
    saveWindowSettings();
    m_player->pause();
    m_live->abort();
    QMainWindow::closeEvent(event);
}
