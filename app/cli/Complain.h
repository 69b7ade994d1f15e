#pragma once

#include <QString>

// "dirigent: <what>": the one line on stderr of a command that failed.
void complain(const QString &what);
