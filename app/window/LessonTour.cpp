#include "window/LessonTour.h"

#include "window/MainWindow.h"

#include "player/LessonSession.h"
#include "player/Player.h"

#include <lessons/lesson.hpp>

#include <QCoreApplication>
#include <QTimer>

#include <cstdio>

LessonTour::LessonTour(MainWindow *window, QObject *parent)
    : QObject(parent), m_window(window), m_ids(lessonIds())
{
}

QStringList LessonTour::lessonIds()
{
    QStringList ids;
    for (const lessons::Lesson *lesson : lessons::registry()) {
        if (!lesson->placeholder)
            ids.append(QString::fromStdString(lesson->id));
    }
    return ids;
}

void LessonTour::start()
{
    m_next = 0;
    QTimer::singleShot(0, this, &LessonTour::visitNext);
}

void LessonTour::visitNext()
{
    if (m_next >= m_ids.size()) {
        finish(0);
        return;
    }
    const QString id = m_ids.at(m_next++);
    if (!m_window->openLesson(id)) {
        std::fprintf(stderr, "dirigent --tour: the lesson '%s' did not open\n", qUtf8Printable(id));
        finish(1);
        return;
    }
    Player *player = m_window->player();
    player->toEnd();
    QCoreApplication::processEvents();
    if (player->length() == 0 || player->cursor() != player->length()) {
        std::fprintf(stderr, "dirigent --tour: the lesson '%s' did not play to its end (%zu of %zu events)\n",
                     qUtf8Printable(id), player->cursor(), player->length());
        finish(1);
        return;
    }
    // Through the event loop, so the window paints this lesson before the next one opens.
    QTimer::singleShot(0, this, &LessonTour::visitNext);
}

void LessonTour::finish(int exitCode)
{
    QCoreApplication::exit(exitCode);
}
