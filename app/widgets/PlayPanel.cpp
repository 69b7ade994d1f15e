#include "widgets/PlayPanel.h"

#include "text/PlayText.h"

#include "player/LessonSession.h"

#include <trace/recorder.hpp>

#include <QAction>
#include <QApplication>
#include <QEvent>
#include <QFont>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace {

constexpr int pickKeys = 9;

QLabel *wrappingLabel(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    return label;
}

} // namespace

PlayPanel::PlayPanel(LessonSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("playPanel"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);

    // Many tasks make many candidates: the panel scrolls, its buttons take the focus.
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFocusPolicy(Qt::NoFocus);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);  // the texts wrap
    auto *content = new QWidget(scroll);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->setSpacing(8);

    m_intro = wrappingLabel(content, QStringLiteral("playIntro"));
    layout->addWidget(m_intro);

    m_start = new QPushButton(content);
    m_start->setObjectName(QStringLiteral("playStartButton"));
    m_start->setAutoDefault(true);
    auto *startRow = new QHBoxLayout;
    startRow->addWidget(m_start);
    startRow->addStretch(1);
    layout->addLayout(startRow);

    m_progress = wrappingLabel(content, QStringLiteral("playProgress"));
    layout->addWidget(m_progress);
    m_question = wrappingLabel(content, QStringLiteral("playQuestion"));
    QFont questionFont = m_question->font();
    questionFont.setBold(true);
    questionFont.setPointSizeF(questionFont.pointSizeF() * 1.15);
    m_question->setFont(questionFont);
    layout->addWidget(m_question);

    m_candidateHost = new QWidget(content);
    m_candidateHost->setObjectName(QStringLiteral("playCandidates"));
    m_candidateLayout = new QVBoxLayout(m_candidateHost);
    m_candidateLayout->setContentsMargins(0, 0, 0, 0);
    m_candidateLayout->setSpacing(4);
    layout->addWidget(m_candidateHost);

    m_verdict = wrappingLabel(content, QStringLiteral("playVerdict"));
    layout->addWidget(m_verdict);
    m_score = wrappingLabel(content, QStringLiteral("playScore"));
    layout->addWidget(m_score);
    m_best = wrappingLabel(content, QStringLiteral("playBest"));
    layout->addWidget(m_best);

    m_again = new QPushButton(content);
    m_again->setObjectName(QStringLiteral("playAgainButton"));
    m_again->setAutoDefault(true);
    m_stop = new QPushButton(content);
    m_stop->setObjectName(QStringLiteral("playStopButton"));
    m_stop->setAutoDefault(true);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_again);
    buttons->addWidget(m_stop);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    layout->addStretch(1);

    scroll->setWidget(content);
    outer->addWidget(scroll);

    // A new run (a slider, another lesson) ends the game: its decisions were the old run's.
    connect(m_session, &LessonSession::runChanged, this, [this] {
        const bool wasActive = m_active;
        if (wasActive || m_noDecisions)
            stop();
        if (wasActive)
            emit stopRequested();
    });
    connect(m_start, &QPushButton::clicked, this, &PlayPanel::startRequested);
    connect(m_stop, &QPushButton::clicked, this, &PlayPanel::stopRequested);
    connect(m_again, &QPushButton::clicked, this, [this] {
        if (start() && !m_candidates.isEmpty())
            m_candidates.first()->setFocus(Qt::OtherFocusReason);
    });

    for (int i = 0; i < pickKeys; ++i) {
        auto *action = new QAction(this);
        action->setObjectName(QStringLiteral("playPickAction_%1").arg(i + 1));
        action->setShortcut(QKeySequence(Qt::Key_1 + i));
        // Window-wide (the window adds them to itself); text fields keep their digits.
        action->setShortcutContext(Qt::WindowShortcut);
        connect(action, &QAction::triggered, this, [this, i] { pick(i); });
        m_pickActions.append(action);
    }

    retranslateUi();
}

PlayPanel::~PlayPanel() = default;

bool PlayPanel::start()
{
    const bool wasOpen = questionOpen();
    m_active = false;
    m_decisions.clear();
    m_current = 0;
    m_right = 0;
    m_wrongHere = false;
    m_lastPickDecision = -1;
    m_noDecisions = false;
    if (m_session->hasRun())
        m_decisions = trace::scheduling_decisions(m_session->recorder());
    if (m_decisions.empty()) {
        m_noDecisions = true;
        showQuestion();
        if (wasOpen)
            emit questionOpenChanged(false);
        return false;
    }
    m_active = true;
    showQuestion();
    emit questionOpenChanged(true);
    emit seekRequested(qulonglong(m_decisions.front().position));
    return true;
}

void PlayPanel::stop()
{
    const bool wasOpen = questionOpen();
    m_active = false;
    m_noDecisions = false;
    // The decisions' names point into the run, which may be going away.
    m_decisions.clear();
    m_current = 0;
    m_lastPickDecision = -1;
    showQuestion();
    if (wasOpen)
        emit questionOpenChanged(false);
}

bool PlayPanel::pick(int index)
{
    if (!questionOpen())
        return false;
    const trace::Decision &decision = m_decisions[m_current];
    if (index < 0 || index >= int(decision.candidates.size()))
        return false;
    const std::uint32_t task = decision.candidates[std::size_t(index)].task;
    const bool right = task == decision.answer;
    m_lastPick = task;
    m_lastPickDecision = int(m_current);
    setVerdict(PlayText::verdict(decision, task), right);
    if (!right) {
        // The question stays open; the first try is spent.
        m_wrongHere = true;
        retranslateUi();
        return true;
    }
    if (!m_wrongHere)
        ++m_right;
    m_wrongHere = false;
    ++m_current;
    showQuestion();
    if (m_current < m_decisions.size()) {
        emit seekRequested(qulonglong(m_decisions[m_current].position));
        return true;
    }
    // The last decision is made: the rest of the run plays out.
    emit questionOpenChanged(false);
    emit seekRequested(qulonglong(m_session->hasRun() ? m_session->recorder().size() : 0));
    emit gameFinished(m_right, int(m_decisions.size()));
    return true;
}

void PlayPanel::setBest(int right, int of)
{
    m_bestRight = right;
    m_bestOf = of;
    retranslateUi();
}

void PlayPanel::showQuestion()
{
    // Where the focus was among the candidates, it stays there for the next question.
    QWidget *focus = QApplication::focusWidget();
    const bool focusHere = focus && (isAncestorOf(focus) || focus == this);
    rebuildCandidates();
    if (!m_active)
        m_verdict->clear();
    m_verdict->setVisible(m_active && m_lastPickDecision >= 0);
    updatePickActions();
    retranslateUi();
    if (focusHere && isVisible()) {
        if (questionOpen() && !m_candidates.isEmpty())
            m_candidates.first()->setFocus(Qt::OtherFocusReason);
        else if (finished())
            m_again->setFocus(Qt::OtherFocusReason);
        else if (!m_active)
            m_start->setFocus(Qt::OtherFocusReason);
    }
}

void PlayPanel::rebuildCandidates()
{
    const int wanted = questionOpen() ? int(m_decisions[m_current].candidates.size()) : 0;
    // The buttons are kept and reused: a button that has the focus is not deleted under it.
    while (m_candidates.size() < wanted) {
        const int i = int(m_candidates.size());
        auto *button = new QPushButton(m_candidateHost);
        button->setObjectName(QStringLiteral("playCandidate_%1").arg(i + 1));
        button->setAutoDefault(true);  // Enter picks the focused candidate
        button->setStyleSheet(QStringLiteral("QPushButton { text-align: left; padding: 5px 10px; }"));
        connect(button, &QPushButton::clicked, this, [this, i] { pick(i); });
        if (!m_candidates.isEmpty())
            setTabOrder(m_candidates.last(), button);
        m_candidateLayout->addWidget(button);
        button->show();  // now, not at the next event loop pass: it may take the focus at once
        m_candidates.append(button);
    }
    if (!m_candidates.isEmpty()) {
        setTabOrder(m_candidates.last(), m_again);
        setTabOrder(m_again, m_stop);
    }
    while (m_candidates.size() > wanted) {
        QPushButton *button = m_candidates.takeLast();
        if (button->hasFocus())
            (m_candidates.isEmpty() ? static_cast<QWidget *>(m_stop) : m_candidates.first())->setFocus(Qt::OtherFocusReason);
        delete button;
    }
    m_candidateHost->setVisible(wanted > 0);
}

void PlayPanel::setVerdict(const QString &text, bool right)
{
    m_verdict->setText(text);
    m_verdict->setAccessibleName(text);
    // A bar beside the verdict: green for right, amber for "not yet".
    m_verdict->setStyleSheet(QStringLiteral("QLabel { border-style: solid; border-width: 0px 0px 0px 4px; "
                                            "border-color: %1; padding: 2px 0px 2px 8px; }")
                                 .arg(right ? QStringLiteral("#2e9d4f") : QStringLiteral("#d08a1e")));
    m_verdict->setVisible(true);
}

void PlayPanel::updatePickActions()
{
    const int count = questionOpen() ? int(m_decisions[m_current].candidates.size()) : 0;
    for (int i = 0; i < m_pickActions.size(); ++i)
        m_pickActions[i]->setEnabled(i < count);
}

void PlayPanel::retranslateUi()
{
    m_intro->setText(PlayText::intro());
    m_start->setText(tr("Start the game"));
    m_start->setToolTip(tr("Go to the run's first decision and pick the task that runs next (Ctrl+L)"));
    m_start->setAccessibleName(tr("Start the game"));
    m_start->setVisible(!m_active);
    m_again->setText(tr("Play again"));
    m_again->setToolTip(tr("A new game on the same run, from its first decision"));
    m_again->setVisible(finished());
    m_stop->setText(tr("End the game"));
    m_stop->setToolTip(tr("Back to the normal player (Ctrl+L)"));
    m_stop->setVisible(m_active);

    if (questionOpen()) {
        const trace::Decision &d = m_decisions[m_current];
        //: %1, %2: the decision and how many there are; %3: "t = 0.250 s"; %4: the loop iteration
        m_progress->setText(tr("Decision %1 of %2 · %3 · iteration %4")
                                .arg(m_current + 1)
                                .arg(m_decisions.size())
                                .arg(PlayText::time(d.time_ns))
                                .arg(d.iteration));
        m_question->setText(PlayText::question());
        for (int i = 0; i < m_candidates.size(); ++i) {
            QString text = PlayText::candidate(d.candidates[std::size_t(i)]);
            m_candidates[i]->setAccessibleName(text);
            text.replace(QLatin1Char('&'), QStringLiteral("&&"));  // no mnemonic from a task's name
            m_candidates[i]->setText(QStringLiteral("%1  %2").arg(i + 1).arg(text));
            m_candidates[i]->setToolTip(i < pickKeys ? tr("Pick this task (key %1)").arg(i + 1) : tr("Pick this task"));
        }
    } else if (finished()) {
        m_progress->setText(tr("All %n decision(s) made; the rest of the run plays out in the views.", nullptr,
                               int(m_decisions.size())));
        m_question->setText(tr("Game over"));
    } else if (m_noDecisions) {
        m_progress->setText(tr("This run has no decision to make: the loop never had two tasks to choose from. "
                               "Change a parameter and try again."));
        m_question->clear();
    } else {
        m_progress->clear();
        m_question->clear();
    }
    m_progress->setVisible(!m_progress->text().isEmpty());
    m_question->setVisible(!m_question->text().isEmpty());

    // The verdict in the language shown now.
    if (m_active && m_lastPickDecision >= 0 && m_lastPickDecision < int(m_decisions.size())) {
        const trace::Decision &d = m_decisions[std::size_t(m_lastPickDecision)];
        const QString text = PlayText::verdict(d, m_lastPick);
        m_verdict->setText(text);
        m_verdict->setAccessibleName(text);
    }

    const int answered = int(m_current);
    if (finished())
        m_score->setText(tr("Your score: %1.").arg(PlayText::score(m_right, answered)));
    else if (m_active && answered > 0)
        m_score->setText(tr("Score so far: %1.").arg(PlayText::score(m_right, answered)));
    else
        m_score->clear();
    m_score->setAccessibleName(m_score->text());
    m_score->setVisible(!m_score->text().isEmpty());
    m_best->setText(m_bestOf > 0 ? tr("Best for this lesson: %1.").arg(PlayText::score(m_bestRight, m_bestOf))
                                 : tr("No game of this lesson finished yet."));
    m_best->setAccessibleName(m_best->text());

    for (int i = 0; i < m_pickActions.size(); ++i)
        m_pickActions[i]->setText(tr("Pick candidate %1").arg(i + 1));
    m_candidateHost->setAccessibleName(PlayText::question());
}

void PlayPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}
