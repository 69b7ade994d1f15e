#include "live/LiveVariants.h"

#include "live/LiveBlocking.h"
#include "live/LiveDatabase.h"
#include "live/LiveHttp.h"
#include "live/LiveThreads.h"

namespace live {

QStringList liveLessonIds()
{
    return {QStringLiteral("http"), QStringLiteral("database"), QStringLiteral("threads"),
            QStringLiteral("blocking")};
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
    if (lessonId == QLatin1String("threads"))
        return &LiveThreads::lesson();
    if (lessonId == QLatin1String("blocking"))
        return &LiveBlocking::lesson();
    return nullptr;
}

} // namespace live
