// A line in the trace (aio::log), when a loop runs on this thread; nothing otherwise
// (a connection closed after its loop ended has no one to tell).
#pragma once

#include <QString>

namespace db::detail {

void logLine(const QString &line);
// The SQL as one short line for the trace: whitespace collapsed, cut after 120 characters.
QString shortSql(const QString &sql);

} // namespace db::detail
