#include "qtaio/networkerror.h"

namespace qtaio {

NetworkError::NetworkError(QNetworkReply::NetworkError code, const QString& message, const QUrl& url)
    : aio::Error(message.toStdString()), m_code(code), m_url(url) {}

}  // namespace qtaio
