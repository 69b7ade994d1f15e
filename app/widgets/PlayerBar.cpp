#include "widgets/PlayerBar.h"

#include "player/Player.h"

#include <QAction>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSignalBlocker>
#include <QSlider>
#include <QStyle>
#include <QToolButton>

PlayerBar::PlayerBar(Player *player, QWidget *parent)
    : QWidget(parent)
    , m_player(player)
{
    setObjectName(QStringLiteral("playerBar"));

    auto action = [this](QStyle::StandardPixmap icon, const QKeySequence &key, const QString &objectName) {
        auto *a = new QAction(style()->standardIcon(icon), QString(), this);
        a->setObjectName(objectName);
        if (!key.isEmpty())
            a->setShortcut(key);
        // Window-wide; the window keeps them from firing while a text field has the focus.
        a->setShortcutContext(Qt::WindowShortcut);
        return a;
    };
    m_restart = action(QStyle::SP_BrowserReload, QKeySequence(Qt::CTRL | Qt::Key_R), QStringLiteral("restartAction"));
    m_toStart = action(QStyle::SP_MediaSkipBackward, QKeySequence(Qt::Key_Home), QStringLiteral("toStartAction"));
    m_previousIteration = action(QStyle::SP_MediaSeekBackward, QKeySequence(Qt::SHIFT | Qt::Key_Left),
                                 QStringLiteral("previousIterationAction"));
    m_stepBack = action(QStyle::SP_ArrowBack, QKeySequence(Qt::Key_Left), QStringLiteral("stepBackAction"));
    m_play = action(QStyle::SP_MediaPlay, QKeySequence(Qt::Key_Space), QStringLiteral("playAction"));
    m_stepForward = action(QStyle::SP_ArrowForward, QKeySequence(Qt::Key_Right), QStringLiteral("stepForwardAction"));
    m_nextIteration = action(QStyle::SP_MediaSeekForward, QKeySequence(Qt::SHIFT | Qt::Key_Right),
                             QStringLiteral("nextIterationAction"));
    m_toEnd = action(QStyle::SP_MediaSkipForward, QKeySequence(Qt::Key_End), QStringLiteral("toEndAction"));
    // Back to a live run's head (End does the same).
    m_now = action(QStyle::SP_MediaSkipForward, QKeySequence(), QStringLiteral("nowAction"));
    // Home and End have no button (the scrub slider's ends do the same); the window adds
    // them to itself and to the Lesson menu.
    m_game = new QAction(this);
    m_game->setObjectName(QStringLiteral("gameAction"));
    m_game->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_game->setShortcutContext(Qt::WindowShortcut);
    m_game->setCheckable(true);

    connect(m_restart, &QAction::triggered, this, [this] {
        if (m_liveMode)
            emit liveRunRequested();
        else
            m_player->restart();
    });
    connect(m_now, &QAction::triggered, m_player, &Player::toEnd);
    connect(m_toStart, &QAction::triggered, m_player, &Player::toStart);
    connect(m_previousIteration, &QAction::triggered, this, [this] {
        emit iterationJump();
        m_player->previousIteration();
    });
    connect(m_stepBack, &QAction::triggered, m_player, &Player::stepBack);
    connect(m_play, &QAction::triggered, m_player, &Player::togglePlay);
    connect(m_stepForward, &QAction::triggered, m_player, &Player::stepForward);
    connect(m_nextIteration, &QAction::triggered, this, [this] {
        emit iterationJump();
        m_player->nextIteration();
    });
    connect(m_toEnd, &QAction::triggered, m_player, &Player::toEnd);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->setSpacing(2);
    layout->addWidget(makeButton(m_restart, QStringLiteral("restartButton")));
    layout->addSpacing(6);
    layout->addWidget(makeButton(m_previousIteration, QStringLiteral("previousIterationButton")));
    layout->addWidget(makeButton(m_stepBack, QStringLiteral("stepBackButton")));
    m_playButton = makeButton(m_play, QStringLiteral("playButton"));
    m_playButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    layout->addWidget(m_playButton);
    layout->addWidget(makeButton(m_stepForward, QStringLiteral("stepForwardButton")));
    layout->addWidget(makeButton(m_nextIteration, QStringLiteral("nextIterationButton")));
    m_nowButton = makeButton(m_now, QStringLiteral("nowButton"));
    m_nowButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_nowButton->hide();
    layout->addWidget(m_nowButton);
    layout->addSpacing(8);

    m_scrub = new QSlider(Qt::Horizontal, this);
    m_scrub->setObjectName(QStringLiteral("scrubSlider"));
    m_scrub->setSingleStep(1);
    m_scrub->setMinimumWidth(96); // with both game buttons, the bar still fits 800 px in German
    layout->addWidget(m_scrub, 1);
    connect(m_scrub, &QSlider::valueChanged, this, [this](int value) {
        m_player->seek(std::size_t(qMax(0, value)));
    });
    layout->addSpacing(8);

    m_speedLabel = new QLabel(this);
    m_speed = new QDoubleSpinBox(this);
    m_speed->setObjectName(QStringLiteral("speedBox"));
    m_speed->setRange(Player::minSpeed, Player::maxSpeed);
    m_speed->setDecimals(2);
    m_speed->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    m_speed->setSuffix(QStringLiteral(" ×"));
    m_speed->setValue(m_player->speed());
    m_speed->setKeyboardTracking(false);
    m_speedLabel->setBuddy(m_speed);
    layout->addWidget(m_speedLabel);
    layout->addSpacing(4);  // the label's last letter must not touch the spin box
    layout->addWidget(m_speed);
    connect(m_speed, &QDoubleSpinBox::valueChanged, m_player, &Player::setSpeed);
    connect(m_player, &Player::speedChanged, this, [this](double speed) {
        const QSignalBlocker blocker(m_speed);
        m_speed->setValue(speed);
    });
    layout->addSpacing(8);

    m_time = new QLabel(this);
    m_time->setObjectName(QStringLiteral("timeLabel"));
    m_time->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Digits of equal width, so the label does not wobble while playing.
    m_time->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    // In a narrow window (800 px) it gives way first: the time stays, the event count is cut.
    m_time->setMinimumWidth(QFontMetrics(m_time->font()).horizontalAdvance(QStringLiteral("t = 00.000 s ·")));
    layout->addWidget(m_time, 0);
    layout->addSpacing(8);
    m_gameButton = makeButton(m_game, QStringLiteral("gameButton"));
    m_gameButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_gameButton->setAutoRaise(false);
    layout->addWidget(m_gameButton);

    connect(m_player, &Player::cursorChanged, this, &PlayerBar::updateCursor);
    connect(m_player, &Player::runReplaced, this, &PlayerBar::updateRange);
    connect(m_player, &Player::runGrew, this, &PlayerBar::updateRange);
    connect(m_player, &Player::followingChanged, this, [this](bool following) { m_now->setEnabled(!following); });
    connect(m_player, &Player::playingChanged, this, &PlayerBar::updatePlaying);

    updateRange();
    updatePlaying();
    retranslateUi();
}

QToolButton *PlayerBar::makeButton(QAction *action, const QString &objectName)
{
    auto *button = new QToolButton(this);
    button->setObjectName(objectName);
    button->setDefaultAction(action);
    button->setAutoRaise(true);
    button->setFocusPolicy(Qt::StrongFocus);
    return button;
}

void PlayerBar::addGameButton(QAction *action, const QString &objectName)
{
    QToolButton *button = makeButton(action, objectName);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    button->setAutoRaise(false);
    // Its text is set by the window, after this bar's retranslation: follow the action.
    connect(action, &QAction::changed, button, [button, action] { button->setAccessibleName(action->text()); });
    layout()->addWidget(button);
}

bool PlayerBar::scrubbing() const
{
    return m_scrub->isSliderDown();
}

void PlayerBar::updateRange()
{
    {
        const QSignalBlocker blocker(m_scrub);
        const int length = int(m_player->length());
        m_scrub->setRange(0, length);
        m_scrub->setPageStep(qMax(1, length / 20));
    }
    updateCursor();
}

void PlayerBar::updateCursor()
{
    {
        const QSignalBlocker blocker(m_scrub);
        m_scrub->setValue(int(m_player->cursor()));
    }
    const bool atStart = m_locked || m_player->cursor() == 0;
    const bool atEnd = m_locked || m_player->cursor() >= m_player->length();
    m_stepBack->setEnabled(!atStart);
    m_previousIteration->setEnabled(!atStart);
    m_toStart->setEnabled(!atStart);
    m_stepForward->setEnabled(!atEnd);
    m_nextIteration->setEnabled(!atEnd);
    m_toEnd->setEnabled(!atEnd);
    m_play->setEnabled(!m_locked);
    m_restart->setEnabled(!m_locked);
    m_scrub->setEnabled(!m_locked);
    m_time->setText(timeText());
    m_time->setToolTip(m_time->text()); // the whole text, when a narrow window cuts it
    m_scrub->setAccessibleDescription(m_time->text());
}

QString PlayerBar::timeText() const
{
    const trace::TraceState &state = m_player->state();
    const QLocale locale;
    return tr("t = %1 s · event %2/%3 · iteration %4")
        .arg(locale.toString(state.time(), 'f', 3))
        .arg(m_player->cursor())
        .arg(m_player->length())
        .arg(state.iteration());
}

void PlayerBar::updatePlaying()
{
    const bool playing = m_player->playing();
    m_play->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    m_play->setText(playing ? tr("Pause") : tr("Play"));
    m_play->setToolTip(playing ? tr("Pause (Space)") : tr("Play the run in virtual time (Space)"));
    m_playButton->setAccessibleName(m_play->text());
}

void PlayerBar::setLocked(bool locked)
{
    if (locked == m_locked)
        return;
    m_locked = locked;
    if (locked)
        m_player->pause();
    updateCursor();
}

void PlayerBar::setLiveMode(bool live)
{
    m_liveMode = live;
    retranslateUi();
}

void PlayerBar::setLiveRunning(bool running)
{
    m_nowButton->setVisible(running);
    m_now->setEnabled(running && !m_player->followingHead());
}

void PlayerBar::retranslateUi()
{
    if (m_liveMode) {
        m_restart->setText(tr("Run live"));
        m_restart->setToolTip(tr("Start a new live run with the live parameters (Ctrl+R)"));
    } else {
        m_restart->setText(tr("Restart"));
        m_restart->setToolTip(tr("Play again from the start (Ctrl+R)"));
    }
    m_now->setText(tr("Now"));
    m_now->setToolTip(tr("Follow the live run again: the cursor moves with its newest event (End)"));
    m_toStart->setText(tr("To the start"));
    m_toStart->setToolTip(tr("To the start of the run (Home)"));
    m_previousIteration->setText(tr("Previous iteration"));
    m_previousIteration->setToolTip(tr("Back to the start of this or the previous loop iteration (Shift+Left)"));
    m_stepBack->setText(tr("Step back"));
    m_stepBack->setToolTip(tr("One event back (Left)"));
    m_stepForward->setText(tr("Step forward"));
    m_stepForward->setToolTip(tr("One event forward (Right)"));
    m_nextIteration->setText(tr("Next iteration"));
    m_nextIteration->setToolTip(tr("To the next loop iteration (Shift+Right)"));
    m_toEnd->setText(tr("To the end"));
    m_toEnd->setToolTip(tr("To the end of the run (End)"));
    m_game->setText(tr("You are the loop"));
    m_game->setToolTip(tr("Play the event loop: at each decision, pick the task that runs next (Ctrl+L)"));
    // The buttons take text and tooltip from their actions; their accessible names too.
    for (QToolButton *button : findChildren<QToolButton *>())
        if (button->defaultAction())
            button->setAccessibleName(button->defaultAction()->text());
    updatePlaying();

    m_scrub->setAccessibleName(tr("Position in the run"));
    m_scrub->setToolTip(tr("Drag to any point of the run"));
    m_speedLabel->setText(tr("&Speed"));
    m_speed->setAccessibleName(tr("Playback speed"));
    m_speed->setToolTip(tr("Speed relative to the program's virtual time (0.1× to 10×)"));
    m_time->setAccessibleName(tr("Position"));
    m_time->setText(timeText());
}

void PlayerBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}
