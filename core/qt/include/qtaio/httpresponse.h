// HttpResponse: what awaiting a finished QNetworkReply gives a task.
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

namespace qtaio {

struct HttpResponse {
    int statusCode = 0;    // 200, 404... (0 for non-HTTP URLs such as file:// or data:)
    QString reasonPhrase;  // "OK", "Not Found"...
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;  // as received, in order (Retry-After, ...)
    QUrl url;              // where the answer came from (after redirects)

    bool ok() const noexcept { return statusCode >= 200 && statusCode < 300; }
};

}  // namespace qtaio
