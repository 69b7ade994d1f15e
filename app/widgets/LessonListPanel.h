#pragma once

#include <QListWidget>
#include <QSet>

// The curriculum: "1. Event loop and coroutines" ... in the current language, a ✓
// after each lesson done (played to the end or quiz answered correctly). Lessons
// still to come are greyed out and cannot be chosen.
class LessonListPanel : public QListWidget
{
    Q_OBJECT

public:
    explicit LessonListPanel(QWidget *parent = nullptr);

    // Selects the lesson's row without emitting lessonChosen().
    void setCurrentLesson(const QString &id);
    QString currentLesson() const;

    void setDone(const QStringList &ids);
    QStringList done() const;
    bool isDone(const QString &id) const { return m_done.contains(id); }
    // Marks a lesson done; true if it was not yet.
    bool markDone(const QString &id);

    // The text of a lesson's row as shown (tests).
    QString rowText(const QString &id) const;

signals:
    // The learner chose another lesson.
    void lessonChosen(const QString &id);

protected:
    void changeEvent(QEvent *event) override;

private:
    void fill();
    void retranslateUi();
    QListWidgetItem *itemOf(const QString &id) const;

    QSet<QString> m_done;
    bool m_filling = false;
};
