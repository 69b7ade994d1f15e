#include "qtaio/networkerror.h"

#include <QMetaEnum>

namespace qtaio {

NetworkError::NetworkError(QNetworkReply::NetworkError code, const QString& message, const QUrl& url)
    : aio::Error(message.toStdString()), m_code(code), m_url(url) {}

QString NetworkError::reason() const {
    switch (m_code) {
    case QNetworkReply::ConnectionRefusedError: return QStringLiteral("Connection refused");
    case QNetworkReply::RemoteHostClosedError: return QStringLiteral("Connection closed");
    case QNetworkReply::HostNotFoundError: return QStringLiteral("Host not found");
    case QNetworkReply::TimeoutError: return QStringLiteral("Timed out");
    case QNetworkReply::OperationCanceledError: return QStringLiteral("Aborted");
    case QNetworkReply::ProtocolUnknownError: return QStringLiteral("Not an http(s) URL");
    case QNetworkReply::ProtocolFailure: return QStringLiteral("Not HTTP");
    case QNetworkReply::NetworkSessionFailedError: return QStringLiteral("Network down");
    default: break;
    }
    // Any other code by its enum name, e.g. "SslHandshakeFailedError".
    const char* key = QMetaEnum::fromType<QNetworkReply::NetworkError>().valueToKey(m_code);
    return key ? QString::fromLatin1(key) : QStringLiteral("Network error %1").arg(int(m_code));
}

}  // namespace qtaio
