#pragma once

#include <QWidget>

#include <vector>

class LessonSession;
class QButtonGroup;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QVBoxLayout;

namespace lessons { struct QuizQuestion; }

// The lesson's quiz: each question with its offered answers as radio buttons (or a
// line edit where the answer is free), a Check button, and after checking whether
// each answer was right and the explanation. The right answers come from
// LessonSession::quiz(), i.e. from the current run with the current parameters;
// the panel suggests answering before playing the run.
class QuizPanel : public QWidget
{
    Q_OBJECT

public:
    explicit QuizPanel(LessonSession *session, QWidget *parent = nullptr);
    ~QuizPanel() override;

    int questionCount() const { return int(m_quiz.size()); }
    // Chooses an answer (tests): a choice's text, or the text for a free answer.
    bool answer(int question, const QString &text);
    // Checks every answer and shows the verdicts and explanations; true if all are right.
    bool check();
    bool checkedAndCorrect() const { return m_allCorrect; }
    // Whether the verdicts are shown (until the run or the answers change).
    bool resultsShown() const { return m_resultsShown; }

    // Is `given` the right answer `expected`? Case and spaces do not matter, numbers
    // compare by value ("1.0" = "1", "0,5 s" = "0.5 s").
    static bool matches(const QString &given, const QString &expected);

signals:
    // The learner checked the answers (allCorrect: every one was right).
    void checked(bool allCorrect);

protected:
    void changeEvent(QEvent *event) override;

private:
    struct QuestionUi {
        QGroupBox *box = nullptr;
        QLabel *text = nullptr;
        QButtonGroup *choices = nullptr;
        QLineEdit *free = nullptr;
        QLabel *verdict = nullptr;
    };

    void onRunChanged();
    void rebuild();
    void hideResults();
    void retranslateUi();
    QString given(int question) const;
    bool sameQuestions(const std::vector<lessons::QuizQuestion> &other) const;

    LessonSession *m_session;
    std::vector<lessons::QuizQuestion> m_quiz;
    QList<QuestionUi> m_questions;
    QLabel *m_intro = nullptr;
    QWidget *m_questionsHost = nullptr;
    QVBoxLayout *m_questionsLayout = nullptr;
    QPushButton *m_check = nullptr;
    QLabel *m_summary = nullptr;
    bool m_resultsShown = false;
    bool m_allCorrect = false;
};
