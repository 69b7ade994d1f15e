#include "Log.h"

#include <aio/event_loop.hpp>

namespace db::detail {

void logLine(const QString &line)
{
    if (aio::EventLoop::current())
        aio::log(line.toStdString());
}

QString shortSql(const QString &sql)
{
    QString text = sql.simplified();
    if (text.size() > 120)
        text = text.left(117) + QStringLiteral("...");
    return text;
}

} // namespace db::detail
