#include "live/LiveVariants.h"

#include "live/LiveDatabase.h"
#include "live/LiveHttp.h"

namespace live {

QStringList liveLessonIds()
{
    return {QStringLiteral("http"), QStringLiteral("database")};
}

bool hasLiveVariant(const QString &lessonId)
{
    return liveLessonIds().contains(lessonId);
}

const lessons::Lesson *liveLesson(const QString &lessonId)
{
    if (lessonId == QLatin1String("http"))
        return &LiveHttp::lesson();
    if (lessonId == QLatin1String("database"))
        return &LiveDatabase::lesson();
    return nullptr;
}

} // namespace live
