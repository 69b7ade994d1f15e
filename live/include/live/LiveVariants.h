// Which lessons have a live variant, asked by lesson id: the window shows its Model | Live
// switch only for these, without knowing any lesson by name.
#pragma once

#include <QString>
#include <QStringList>

namespace lessons {
struct Lesson;
}

namespace live {

// The ids of the lessons with a live variant, in curriculum order ("http").
QStringList liveLessonIds();
bool hasLiveVariant(const QString &lessonId);
// The lesson as its live variant offers it (its parameters with the live ranges), or
// nullptr for a lesson without one.
const lessons::Lesson *liveLesson(const QString &lessonId);

} // namespace live
