// NetworkError: a request that got no HTTP response at all (connection refused,
// host not found, timeout, aborted). An HTTP error status such as 404 is not an
// exception: it arrives as an HttpResponse, as with Python's aiohttp.
#pragma once

#include "aio/errors.hpp"

#include <QNetworkReply>
#include <QString>
#include <QUrl>

namespace qtaio {

class NetworkError : public aio::Error {
public:
    // `message` is Qt's error string, e.g. "Connection refused".
    NetworkError(QNetworkReply::NetworkError code, const QString& message, const QUrl& url);

    QNetworkReply::NetworkError code() const noexcept { return m_code; }
    // The same in a few fixed English words ("Connection refused"), whatever language Qt's
    // translator gives what(): for logs that programs read and compare.
    QString reason() const;
    const QUrl& url() const noexcept { return m_url; }
    const char* type_name() const noexcept override { return "NetworkError"; }

private:
    QNetworkReply::NetworkError m_code;
    QUrl m_url;
};

}  // namespace qtaio
