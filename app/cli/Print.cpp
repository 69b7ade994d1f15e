#include "cli/Print.h"

void print(std::FILE *stream, const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, static_cast<std::size_t>(bytes.size()), stream);
    std::fflush(stream);
}

void print(std::FILE *stream, const QString &text)
{
    print(stream, text.toUtf8());
}
