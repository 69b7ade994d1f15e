#pragma once

#include <QObject>
#include <QStringList>

class MainWindow;

// The hidden `dirigent --tour`, for smoke tests on a real display (Xvfb): opens every
// lesson that can run, one per turn of the event loop so each gets painted, moves its
// player to the end of the run, and finally quits the application with exit code 0
// (1 if a lesson would not open or its player did not reach the end).
class LessonTour : public QObject
{
    Q_OBJECT

public:
    explicit LessonTour(MainWindow *window, QObject *parent = nullptr);

    // The lessons in curriculum order, placeholders left out.
    static QStringList lessonIds();

public slots:
    void start(); // the first lesson on the next turn of the event loop

private:
    void visitNext();
    void finish(int exitCode);

    MainWindow *m_window;
    QStringList m_ids;
    qsizetype m_next = 0;
};
