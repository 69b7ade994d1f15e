#include "cli/Complain.h"

#include <QByteArray>

#include <cstdio>

void complain(const QString &what)
{
    const QByteArray line = (QStringLiteral("dirigent: ") + what + QLatin1Char('\n')).toUtf8();
    std::fwrite(line.constData(), 1, static_cast<std::size_t>(line.size()), stderr);
    std::fflush(stderr);
}
