// HttpResponse: what `co_await session.get(url)` gives a live scenario, as aiohttp's
// ClientResponse does: the status, the headers (Retry-After already read as seconds) and
// the body. An error status (404, 429, 500) is a response, not an exception.
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include <optional>

namespace qtaio {
struct HttpResponse;
}

namespace live {

struct HttpResponse {
    int status = 0;                                // 200, 429 ...
    QString reason;                                // "OK", "Too Many Requests" ...
    QList<QPair<QByteArray, QByteArray>> headers;  // as received, in order
    QByteArray body;
    QUrl url;                                      // where the answer came from
    std::optional<double> retryAfter;              // Retry-After in seconds, when the server sent one
    int pool = 0;                                  // the session's connection pool that carried it (0, 1, ...)

    bool ok() const noexcept { return status >= 200 && status < 300; }
    // The first header of that name (case-insensitive, as HTTP wants), or a null QByteArray.
    QByteArray header(const QByteArray &name) const;

    static HttpResponse fromReply(const qtaio::HttpResponse &reply);
    // Retry-After as seconds from now: delta-seconds ("2", also "0.5") or an HTTP date.
    // Nothing for a value that is neither; a date in the past gives 0.
    static std::optional<double> parseRetryAfter(const QByteArray &value);
};

} // namespace live
