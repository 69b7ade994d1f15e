#include "apptest.h"

#include "widgets/LessonListPanel.h"

#include <lessons/lesson.hpp>

#include <QListWidgetItem>
#include <QSignalSpy>
#include <QTest>

// The lesson list: numbered, placeholders greyed out, lessons marked done.
class TestLessonListPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { apptest::initTestCase(); }
    void cleanup() { apptest::cleanup(); }

    void lessonListIsNumberedAndGreysOutPlaceholders()
    {
        LessonListPanel list;
        const auto &all = lessons::registry();
        QCOMPARE(list.count(), int(all.size()));
        for (int row = 0; row < list.count(); ++row) {
            const lessons::Lesson *lesson = all[std::size_t(row)];
            const QListWidgetItem *item = list.item(row);
            QCOMPARE(item->text(), QStringLiteral("%1. %2").arg(row + 1).arg(QString::fromStdString(lesson->title.en)));
            QCOMPARE(bool(item->flags() & Qt::ItemIsSelectable), !lesson->placeholder);
            QCOMPARE(bool(item->flags() & Qt::ItemIsEnabled), !lesson->placeholder);
        }
        QSignalSpy chosen(&list, &LessonListPanel::lessonChosen);
        list.setCurrentLesson(apptest::firstLessonId());
        QCOMPARE(chosen.count(), 0);  // set by the program: no signal
        list.setCurrentRow(1);
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(chosen.front().front().toString(), QString::fromStdString(all[1]->id));
    }

    void lessonListMarksLessonsDone()
    {
        LessonListPanel list;
        const QString id = apptest::firstLessonId();
        QVERIFY(!list.rowText(id).contains(QStringLiteral("✓")));
        QVERIFY(list.markDone(id));
        QVERIFY(!list.markDone(id));
        QVERIFY(list.rowText(id).endsWith(QStringLiteral("✓")));
        QCOMPARE(list.done(), QStringList{id});
        list.setDone({});
        QVERIFY(!list.rowText(id).contains(QStringLiteral("✓")));
    }
};

QTEST_MAIN(TestLessonListPanel)

#include "tst_lessonlistpanel.moc"
