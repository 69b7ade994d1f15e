#include "cli/Complain.h"

#include "cli/Print.h"

void complain(const QString &what)
{
    print(stderr, QStringLiteral("dirigent: ") + what + QLatin1Char('\n'));
}
