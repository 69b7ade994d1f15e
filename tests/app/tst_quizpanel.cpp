#include "apptest.h"

#include "player/LessonSession.h"
#include "text/Language.h"
#include "widgets/QuizPanel.h"

#include <lessons/lesson.hpp>

#include <QCoreApplication>
#include <QLabel>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTest>

// The quiz: answers compared, checked against the current run, choices in the UI language.
class TestQuizPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { apptest::initTestCase(); }
    void cleanup() { apptest::cleanup(); }

    void quizAnswersAreCompared()
    {
        QVERIFY(QuizPanel::matches(QStringLiteral(" 3 "), QStringLiteral("3")));
        QVERIFY(QuizPanel::matches(QStringLiteral("1.0 s"), QStringLiteral("1.000 s")));
        QVERIFY(QuizPanel::matches(QStringLiteral("0,5"), QStringLiteral("0.5 s")));
        QVERIFY(QuizPanel::matches(QStringLiteral("Fetch-A"), QStringLiteral("fetch-a")));
        QVERIFY(!QuizPanel::matches(QStringLiteral("2"), QStringLiteral("3")));
        QVERIFY(!QuizPanel::matches(QStringLiteral("0.5 ms"), QStringLiteral("0.5 s")));
        QVERIFY(!QuizPanel::matches(QString(), QStringLiteral("3")));
    }

    void quizChecksTheAnswersOfTheCurrentRun()
    {
        LessonSession session;
        QVERIFY(session.open(apptest::firstLessonId()));
        QuizPanel panel(&session);
        const std::vector<lessons::QuizQuestion> quiz = session.quiz();
        QVERIFY(!quiz.empty());
        QCOMPARE(panel.questionCount(), int(quiz.size()));
        QSignalSpy checked(&panel, &QuizPanel::checked);

        // All right.
        for (std::size_t i = 0; i < quiz.size(); ++i)
            QVERIFY(panel.answer(int(i), QString::fromStdString(quiz[i].answer.en)));
        QVERIFY(panel.check());
        QCOMPARE(checked.count(), 1);
        QCOMPARE(checked.back().front().toBool(), true);
        QVERIFY(panel.resultsShown());
        auto *verdict = panel.findChild<QLabel *>(QStringLiteral("quizVerdict_0"));
        QVERIFY(verdict && !verdict->isHidden());
        QVERIFY(verdict->text().contains(QString::fromStdString(quiz[0].explanation.en).toHtmlEscaped()));

        // One wrong answer: not all right, and the right one is named.
        const lessons::QuizQuestion &q = quiz.front();
        QString wrong;
        for (const lessons::Text &choice : q.choices) {
            if (choice != q.answer)
                wrong = QString::fromStdString(choice.en);
        }
        if (wrong.isEmpty())
            wrong = QStringLiteral("certainly not this");
        QVERIFY(panel.answer(0, wrong));
        QVERIFY(!panel.resultsShown());  // a new answer hides the old verdicts
        QVERIFY(!panel.check());
        QCOMPARE(checked.back().front().toBool(), false);
        QVERIFY(verdict->text().contains(QString::fromStdString(q.answer.en).toHtmlEscaped()));

        // A new run takes the verdicts away.
        session.setPitfall(!session.pitfall());
        QVERIFY(!panel.resultsShown());
    }

    // German choices read German: "0,500 s" with a decimal comma, and switch back with the language.
    void quizChoicesFollowTheLanguage()
    {
        if (qEnvironmentVariable("DIRIGENT_QM_DIR").isEmpty())
            QSKIP("DIRIGENT_QM_DIR is not set");
        LessonSession session;
        QVERIFY(session.open(QStringLiteral("queues")));
        QuizPanel panel(&session);
        const std::vector<lessons::QuizQuestion> quiz = session.quiz();
        QVERIFY(!quiz.empty() && !quiz[0].choices.empty());
        const lessons::Text &first = quiz[0].choices.front();
        QVERIFY2(first.de != first.en && first.de.find(',') != std::string::npos, first.de.c_str());
        auto *radio = panel.findChild<QRadioButton *>(QStringLiteral("quizChoice_0_0"));
        QVERIFY(radio);
        QCOMPARE(radio->text(), QString::fromStdString(first.en));

        QVERIFY(Language::install(QStringLiteral("de")));
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LanguageChange);
        QCOMPARE(radio->text(), QString::fromStdString(first.de));
        QVERIFY(panel.answer(0, QString::fromStdString(quiz[0].answer.de)));
        panel.check();
        auto *verdict = panel.findChild<QLabel *>(QStringLiteral("quizVerdict_0"));
        QVERIFY(verdict && verdict->text().contains(QString::fromStdString(quiz[0].explanation.de).toHtmlEscaped()));

        QVERIFY(Language::install(QStringLiteral("en")));
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LanguageChange);
        QCOMPARE(radio->text(), QString::fromStdString(first.en));
    }
};

QTEST_MAIN(TestQuizPanel)

#include "tst_quizpanel.moc"
