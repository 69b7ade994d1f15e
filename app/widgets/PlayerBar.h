#pragma once

#include <QWidget>

class Player;
class QAction;
class QDoubleSpinBox;
class QLabel;
class QSlider;
class QToolButton;

// The transport controls under the visualization: restart, previous/next loop
// iteration, step back/forward, play/pause, a scrub slider over the whole run, the
// speed (0.1x to 10x of virtual time) and where the cursor is ("t = 1.250 s ·
// event 12/340 · iteration 5").
//
// The bar owns one QAction per command, with the keyboard shortcuts (Space, Left,
// Right, Shift+Left, Shift+Right, Home, End); the window puts the same actions in
// its Lesson menu, the buttons show them.
//
// At the right end a checkable "You are the event loop" button (Ctrl+L) switches the
// game on and off (gameAction(); the window does the rest). While a question of the game
// is open the bar is locked (setLocked()): the cursor stays on the decision until it is
// answered, so no transport command and no drag of the slider moves it.
class PlayerBar : public QWidget
{
    Q_OBJECT

public:
    explicit PlayerBar(Player *player, QWidget *parent = nullptr);

    QAction *playAction() const { return m_play; }
    QAction *stepBackAction() const { return m_stepBack; }
    QAction *stepForwardAction() const { return m_stepForward; }
    QAction *previousIterationAction() const { return m_previousIteration; }
    QAction *nextIterationAction() const { return m_nextIteration; }
    QAction *toStartAction() const { return m_toStart; }
    QAction *toEndAction() const { return m_toEnd; }
    QAction *restartAction() const { return m_restart; }
    QAction *nowAction() const { return m_now; }
    QAction *gameAction() const { return m_game; }
    // A further game's button at the bar's right end, beside "You are the loop" (the window's
    // "Break it"): text only, like that one.
    void addGameButton(QAction *action, const QString &objectName);

    // Every command that moves the cursor is disabled (and playing pauses) while locked.
    void setLocked(bool locked);
    bool locked() const { return m_locked; }

    // Live mode: Restart (Ctrl+R) asks for a live run (liveRunRequested()) instead of
    // playing the trace again.
    void setLiveMode(bool live);
    // A live run is going on: the Now button takes the cursor back to its newest event.
    void setLiveRunning(bool running);

    QSlider *scrubSlider() const { return m_scrub; }
    // The learner is dragging the scrub slider.
    bool scrubbing() const;
    QString timeText() const;

signals:
    // An iteration jump is about to move the cursor (it may pass several events, and
    // still deserves an animation).
    void iterationJump();
    // Ctrl+R (or the restart button) in live mode.
    void liveRunRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateCursor();
    void updateRange();
    void updatePlaying();
    QToolButton *makeButton(QAction *action, const QString &objectName);

    Player *m_player;
    QAction *m_play = nullptr;
    QAction *m_stepBack = nullptr;
    QAction *m_stepForward = nullptr;
    QAction *m_previousIteration = nullptr;
    QAction *m_nextIteration = nullptr;
    QAction *m_toStart = nullptr;
    QAction *m_toEnd = nullptr;
    QAction *m_restart = nullptr;
    QAction *m_now = nullptr;
    QAction *m_game = nullptr;
    QToolButton *m_gameButton = nullptr;
    bool m_locked = false;
    QToolButton *m_nowButton = nullptr;
    bool m_liveMode = false;
    QToolButton *m_playButton = nullptr;
    QSlider *m_scrub = nullptr;
    QLabel *m_speedLabel = nullptr;
    QDoubleSpinBox *m_speed = nullptr;
    QLabel *m_time = nullptr;
};
