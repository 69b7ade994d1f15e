#include "widgets/QuizPanel.h"

#include "widgets/LessonLang.h"

#include "player/LessonSession.h"

#include <lessons/lesson.hpp>

#include <QAbstractButton>
#include <QButtonGroup>
#include <QEvent>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QVBoxLayout>

namespace {

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

} // namespace

QuizPanel::QuizPanel(LessonSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("quizPanel"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);

    // The questions scroll; the Check button stays in sight below them.
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFocusPolicy(Qt::NoFocus);  // the answers take the focus
    scroll->setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget(scroll);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(10, 8, 10, 8);
    m_intro = new QLabel(content);
    m_intro->setWordWrap(true);
    layout->addWidget(m_intro);
    m_questionsHost = new QWidget(content);
    m_questionsLayout = new QVBoxLayout(m_questionsHost);
    m_questionsLayout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_questionsHost);
    layout->addStretch(1);
    scroll->setWidget(content);
    outer->addWidget(scroll, 1);

    auto *bottom = new QHBoxLayout;
    bottom->setContentsMargins(10, 4, 10, 8);
    m_check = new QPushButton(this);
    m_check->setObjectName(QStringLiteral("quizCheckButton"));
    m_check->setDefault(true);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("quizSummary"));
    m_summary->setWordWrap(true);
    bottom->addWidget(m_check);
    bottom->addWidget(m_summary, 1);
    outer->addLayout(bottom);

    connect(m_check, &QPushButton::clicked, this, &QuizPanel::check);
    connect(m_session, &LessonSession::runChanged, this, &QuizPanel::onRunChanged);
    onRunChanged();
}

QuizPanel::~QuizPanel() = default;

void QuizPanel::onRunChanged()
{
    std::vector<lessons::QuizQuestion> quiz;
    if (m_session->lesson() && m_session->hasRun())
        quiz = m_session->quiz();
    // Same questions and choices (a slider that does not change them): keep what the
    // learner chose; the right answers may still differ, so the verdicts go.
    const bool keep = sameQuestions(quiz);
    m_quiz = std::move(quiz);
    if (!keep)
        rebuild();
    hideResults();
    retranslateUi();
}

bool QuizPanel::sameQuestions(const std::vector<lessons::QuizQuestion> &other) const
{
    if (other.size() != m_quiz.size() || m_questions.size() != int(other.size()))
        return false;
    for (std::size_t i = 0; i < other.size(); ++i) {
        if (other[i].question.en != m_quiz[i].question.en || other[i].question.de != m_quiz[i].question.de
            || other[i].choices != m_quiz[i].choices)
            return false;
    }
    return true;
}

void QuizPanel::rebuild()
{
    for (const QuestionUi &ui : std::as_const(m_questions))
        delete ui.box;
    m_questions.clear();

    QWidget *previous = nullptr;
    for (std::size_t i = 0; i < m_quiz.size(); ++i) {
        const lessons::QuizQuestion &q = m_quiz[i];
        QuestionUi ui;
        ui.box = new QGroupBox(m_questionsHost);
        ui.box->setObjectName(QStringLiteral("quizQuestion_%1").arg(i));
        auto *layout = new QVBoxLayout(ui.box);
        ui.text = new QLabel(ui.box);
        ui.text->setWordWrap(true);
        layout->addWidget(ui.text);
        if (q.choices.empty()) {
            ui.free = new QLineEdit(ui.box);
            ui.free->setObjectName(QStringLiteral("quizAnswer_%1").arg(i));
            layout->addWidget(ui.free);
            connect(ui.free, &QLineEdit::textEdited, this, &QuizPanel::hideResults);
            connect(ui.free, &QLineEdit::returnPressed, this, &QuizPanel::check);
            if (previous)
                setTabOrder(previous, ui.free);
            previous = ui.free;
        } else {
            ui.choices = new QButtonGroup(ui.box);
            for (std::size_t k = 0; k < q.choices.size(); ++k) {
                // The text comes in retranslateUi(), in the language shown.
                auto *radio = new QRadioButton(ui.box);
                radio->setObjectName(QStringLiteral("quizChoice_%1_%2").arg(i).arg(k));
                ui.choices->addButton(radio, int(k));
                layout->addWidget(radio);
                if (previous)
                    setTabOrder(previous, radio);
                previous = radio;
            }
            connect(ui.choices, &QButtonGroup::buttonClicked, this, &QuizPanel::hideResults);
        }
        ui.verdict = new QLabel(ui.box);
        ui.verdict->setObjectName(QStringLiteral("quizVerdict_%1").arg(i));
        ui.verdict->setWordWrap(true);
        ui.verdict->setTextFormat(Qt::RichText);
        ui.verdict->hide();
        layout->addWidget(ui.verdict);
        m_questionsLayout->addWidget(ui.box);
        ui.box->show();  // now, not at the next event loop pass
        m_questions.append(ui);
    }
    if (previous)
        setTabOrder(previous, m_check);
    m_check->setEnabled(!m_quiz.empty());
}

bool QuizPanel::answer(int question, const QString &text)
{
    if (question < 0 || question >= m_questions.size())
        return false;
    const QuestionUi &ui = m_questions.at(question);
    if (ui.free) {
        ui.free->setText(text);
        hideResults();
        return true;
    }
    for (QAbstractButton *button : ui.choices->buttons()) {
        if (button->text() == text) {
            button->setChecked(true);
            hideResults();
            return true;
        }
    }
    return false;
}

QString QuizPanel::given(int question) const
{
    const QuestionUi &ui = m_questions.at(question);
    if (ui.free)
        return ui.free->text();
    const QAbstractButton *button = ui.choices->checkedButton();
    return button ? button->text() : QString();
}

bool QuizPanel::matches(const QString &given, const QString &expected)
{
    const auto normal = [](QString text) {
        text = text.trimmed().toLower();
        text.replace(QRegularExpression(QStringLiteral("\\s+")), QStringLiteral(" "));
        return text;
    };
    const QString a = normal(given);
    const QString b = normal(expected);
    if (a == b)
        return true;
    // A number with an optional unit: compare the numbers, and the units if both have one.
    static const QRegularExpression number(QStringLiteral("^([-+]?[0-9]+(?:[.,][0-9]*)?)\\s*(\\S*)$"));
    const QRegularExpressionMatch ma = number.match(a);
    const QRegularExpressionMatch mb = number.match(b);
    if (!ma.hasMatch() || !mb.hasMatch())
        return false;
    bool okA = false, okB = false;
    const double va = QString(ma.captured(1)).replace(QLatin1Char(','), QLatin1Char('.')).toDouble(&okA);
    const double vb = QString(mb.captured(1)).replace(QLatin1Char(','), QLatin1Char('.')).toDouble(&okB);
    if (!okA || !okB || qAbs(va - vb) > 1e-9 * qMax(1.0, qAbs(vb)))
        return false;
    return ma.captured(2).isEmpty() || mb.captured(2).isEmpty() || ma.captured(2) == mb.captured(2);
}

bool QuizPanel::check()
{
    if (m_quiz.empty())
        return false;
    const lessons::Lang lang = lessonLang();
    int right = 0;
    for (int i = 0; i < m_questions.size(); ++i) {
        const lessons::QuizQuestion &q = m_quiz[std::size_t(i)];
        const QString answer = given(i);
        const QString expected = qs(q.answer.in(lang));
        const bool correct = !answer.isEmpty() && matches(answer, expected);
        right += correct ? 1 : 0;
        QString verdict;
        if (answer.isEmpty())
            verdict = tr("<b>No answer yet.</b> The right answer: %1.").arg(expected.toHtmlEscaped());
        else if (correct)
            verdict = tr("<b>✓ Right.</b>");
        else
            verdict = tr("<b>✗ Not quite.</b> The right answer: %1.").arg(expected.toHtmlEscaped());
        const std::string &explanation = q.explanation.in(lang);
        if (!explanation.empty())
            verdict += QStringLiteral("<br>") + qs(explanation).toHtmlEscaped();
        QuestionUi &ui = m_questions[i];
        ui.verdict->setText(verdict);
        ui.verdict->setAccessibleName(ui.verdict->text());
        ui.verdict->show();
    }
    m_resultsShown = true;
    m_allCorrect = right == int(m_quiz.size());
    m_summary->setText(m_allCorrect ? tr("All answers right. Now play the run and watch it happen.")
                                    : tr("%1 of %2 right. Play the run and watch where it differs.")
                                          .arg(right).arg(m_quiz.size()));
    emit checked(m_allCorrect);
    return m_allCorrect;
}

void QuizPanel::hideResults()
{
    m_resultsShown = false;
    m_allCorrect = false;
    for (const QuestionUi &ui : std::as_const(m_questions))
        ui.verdict->hide();
    m_summary->clear();
}

void QuizPanel::retranslateUi()
{
    const lessons::Lang lang = lessonLang();
    m_intro->setText(m_quiz.empty()
                         ? tr("This lesson has no quiz.")
                         : tr("Answer before you play the run: what will the program do? "
                              "The answers come from the run with the parameters you set."));
    for (int i = 0; i < m_questions.size(); ++i) {
        const QuestionUi &ui = m_questions.at(i);
        ui.box->setTitle(tr("Question %1 of %2").arg(i + 1).arg(m_questions.size()));
        ui.text->setText(qs(m_quiz[std::size_t(i)].question.in(lang)));
        ui.box->setAccessibleName(ui.text->text());
        if (ui.free) {
            ui.free->setAccessibleName(tr("Your answer to question %1").arg(i + 1));
            ui.free->setPlaceholderText(tr("Your answer"));
        } else {
            // Numbers and words of the choices follow the language ("0,500 s", "abgebrochen").
            const std::vector<lessons::Text> &choices = m_quiz[std::size_t(i)].choices;
            for (QAbstractButton *button : ui.choices->buttons()) {
                const int k = ui.choices->id(button);
                button->setText(qs(choices[std::size_t(k)].in(lang)));
                button->setAccessibleName(button->text());
            }
        }
    }
    m_check->setText(tr("Check"));
    m_check->setAccessibleName(tr("Check the answers"));
    // The verdicts quote the explanation in the language shown when checking.
    if (m_resultsShown) {
        const bool wasCorrect = m_allCorrect;
        const QSignalBlocker blocker(this);
        check();
        m_allCorrect = wasCorrect;
    }
}

void QuizPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}
