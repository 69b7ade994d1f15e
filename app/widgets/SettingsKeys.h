#pragma once

// The learner's settings: where they live and the keys of what the window remembers, in
// one place for every class that reads or writes them (MainWindow, BreakPanel).

#include <QSettings>
#include <QString>

namespace SettingsKeys {

// ~/.config/Dirigent/dirigent.conf (Qt's test location under QStandardPaths' test mode).
inline QSettings open()
{
    return QSettings(QStringLiteral("Dirigent"), QStringLiteral("dirigent"));
}

inline const QString language = QStringLiteral("language");
inline const QString geometry = QStringLiteral("geometry");
inline const QString windowState = QStringLiteral("windowState");
inline const QString doneLessons = QStringLiteral("done");
inline const QString speed = QStringLiteral("speed");
inline const QString lastLesson = QStringLiteral("lastLesson");
// The learner's own programs they ran from the window (absolute paths): not asked about again.
inline const QString runPrograms = QStringLiteral("programs/run");

// The state of the splitter with this object name.
inline QString splitter(const QString &objectName)
{
    return QStringLiteral("splitters/") + objectName;
}

// "You are the event loop": the best game of a lesson, right answers out of asked ones.
inline QString playBest(const QString &lessonId)
{
    return QStringLiteral("play/%1/best").arg(lessonId);
}
inline QString playBestOf(const QString &lessonId)
{
    return QStringLiteral("play/%1/bestOf").arg(lessonId);
}

// "Break it": whether the level with this id was broken.
inline QString levelBroken(const QString &levelId)
{
    return QStringLiteral("break/%1/broken").arg(levelId);
}

}  // namespace SettingsKeys
