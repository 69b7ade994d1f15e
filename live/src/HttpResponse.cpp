#include "live/HttpResponse.h"

#include <qtaio/httpresponse.h>

#include <QDateTime>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace live {

QByteArray HttpResponse::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

HttpResponse HttpResponse::fromReply(const qtaio::HttpResponse &reply)
{
    HttpResponse response;
    response.status = reply.statusCode;
    response.reason = reply.reasonPhrase;
    response.headers = reply.headers;
    response.body = reply.body;
    response.url = reply.url;
    const QByteArray retryAfter = response.header("Retry-After");
    if (!retryAfter.isNull())
        response.retryAfter = parseRetryAfter(retryAfter);
    return response;
}

std::optional<double> HttpResponse::parseRetryAfter(const QByteArray &value)
{
    const QByteArray text = value.trimmed();
    bool isNumber = false;
    const double seconds = text.toDouble(&isNumber);
    if (isNumber)
        return std::isfinite(seconds) && seconds >= 0 ? std::optional<double>(seconds) : std::nullopt;
    // An HTTP date, "Sun, 06 Nov 1994 08:49:37 GMT" (RFC 9110's IMF-fixdate).
    QDateTime when = QLocale::c().toDateTime(QString::fromLatin1(text), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!when.isValid())
        return std::nullopt;
    when.setTimeSpec(Qt::UTC);
    const double delta = static_cast<double>(QDateTime::currentDateTimeUtc().msecsTo(when)) / 1000.0;
    return std::max(0.0, delta);
}

} // namespace live
