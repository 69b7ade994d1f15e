#pragma once

#ifndef Q_MOC_RUN
#include <trace/decisions.hpp>
#endif

#include <QList>
#include <QWidget>

#include <cstddef>
#include <vector>

class LessonSession;
class QAction;
class QLabel;
class QPushButton;
class QVBoxLayout;

// "You are the event loop" in the window: the game of `dirigent play` on the session's
// current run. At each of the run's scheduling decisions (trace::scheduling_decisions) the
// panel asks which task runs next and offers the candidates as buttons "1  worker-1 · ready";
// a pick gets asyncio's verdict (PlayText::verdict). A wrong pick leaves the question open,
// a right one moves on to the next decision; after the last one the final score shows.
//
// The panel only reads the run: where the cursor should stand (a decision's position, the
// run's end when the game is over) it asks through seekRequested(), and while a question is
// open (questionOpenChanged()) the window keeps the player and the views from giving the
// answer away. The keys 1–9 are pickActions(), for the window to add to itself; Tab and
// Enter move between and press the candidate buttons.
//
// The decisions hold views into the run's recorder: the game must end (stop()) before the
// session's run is replaced.
class PlayPanel : public QWidget
{
    Q_OBJECT

public:
    explicit PlayPanel(LessonSession *session, QWidget *parent = nullptr);
    ~PlayPanel() override;

    // A new game on the session's current run, at its first decision. False when the run
    // has no decision to make (the panel says so) or there is no run.
    bool start();
    // Ends the game (a finished one too); the panel shows its introduction again.
    void stop();

    bool active() const { return m_active; }
    bool questionOpen() const { return m_active && m_current < m_decisions.size(); }
    bool finished() const { return m_active && m_current >= m_decisions.size(); }
    int decisionCount() const { return int(m_decisions.size()); }
    int currentDecision() const { return int(m_current); }  // the open question's index
    int rightAtFirstTry() const { return m_right; }
    int answered() const { return int(m_current); }
    // The candidate buttons of the open question, in the order shown.
    QList<QPushButton *> candidateButtons() const { return m_candidates; }

    // Picks candidate `index` (0-based) of the open question, as its button does.
    bool pick(int index);

    // The best game of this lesson so far (of == 0: none yet); the window keeps it.
    void setBest(int right, int of);

    // Keys 1 to 9: pick that candidate (enabled while a question is open).
    QList<QAction *> pickActions() const { return m_pickActions; }

signals:
    // The cursor that shows the game: the open decision's position, or the run's end.
    void seekRequested(qulonglong position);
    void questionOpenChanged(bool open);
    // All decisions answered: `right` of `asked` at the first try.
    void gameFinished(int right, int asked);
    // The buttons of the panel for "start" and "end the game" (the window owns the switch).
    void startRequested();
    void stopRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void showQuestion();
    void rebuildCandidates();
    void setVerdict(const QString &text, bool right);
    void updatePickActions();
    void retranslateUi();

    LessonSession *m_session;
    std::vector<trace::Decision> m_decisions;
    std::size_t m_current = 0;
    bool m_active = false;
    bool m_wrongHere = false;        // the open question had a wrong pick already
    bool m_noDecisions = false;      // the last start found nothing to decide
    int m_right = 0;
    int m_bestRight = 0;
    int m_bestOf = 0;
    std::uint32_t m_lastPick = 0;    // for retranslating the verdict
    int m_lastPickDecision = -1;

    QLabel *m_title = nullptr;
    QLabel *m_intro = nullptr;
    QPushButton *m_start = nullptr;
    QLabel *m_progress = nullptr;
    QLabel *m_question = nullptr;
    QWidget *m_candidateHost = nullptr;
    QVBoxLayout *m_candidateLayout = nullptr;
    QList<QPushButton *> m_candidates;
    QLabel *m_verdict = nullptr;
    QLabel *m_score = nullptr;
    QLabel *m_best = nullptr;
    QPushButton *m_again = nullptr;
    QPushButton *m_stop = nullptr;
    QList<QAction *> m_pickActions;
};
