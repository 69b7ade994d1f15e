#include "qtaio/replyawaiter.h"

#include "qtaio/networkerror.h"

#include "aio/errors.hpp"

#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QThread>

namespace qtaio {

namespace {
QString operationName(QNetworkAccessManager::Operation op) {
    switch (op) {
        case QNetworkAccessManager::HeadOperation: return QStringLiteral("HEAD");
        case QNetworkAccessManager::GetOperation: return QStringLiteral("GET");
        case QNetworkAccessManager::PutOperation: return QStringLiteral("PUT");
        case QNetworkAccessManager::PostOperation: return QStringLiteral("POST");
        case QNetworkAccessManager::DeleteOperation: return QStringLiteral("DELETE");
        case QNetworkAccessManager::CustomOperation: break;
        case QNetworkAccessManager::UnknownOperation: break;
    }
    return QStringLiteral("REQUEST");
}
}  // namespace

ReplyAwaiter::ReplyAwaiter(QNetworkReply* reply) : m_reply(reply) {
    if (!reply) throw aio::ValueError("awaitReply: the reply is null");
    // Its signals must arrive on the loop's thread (where the awaiting task runs).
    if (reply->thread() != QThread::currentThread())
        throw aio::RuntimeError("awaitReply: the reply belongs to another thread than the awaiting task");
    m_url = reply->url();
}

ReplyAwaiter::~ReplyAwaiter() { disconnectReply(); }

bool ReplyAwaiter::await_ready() const noexcept { return m_reply && m_reply->isFinished(); }

void ReplyAwaiter::await_suspend(std::coroutine_handle<> h) {
    QNetworkReply* reply = m_reply.data();
    if (reply) {
        // The reply lives on this thread, so the lambdas run here, on the loop's thread.
        m_finished = QObject::connect(reply, &QNetworkReply::finished, reply, [this] {
            disconnectReply();
            complete();
        });
        m_destroyed = QObject::connect(reply, &QObject::destroyed, [this] {
            disconnectReply();
            complete();
        });
    }
    const QString what = operationName(reply ? reply->operation() : QNetworkAccessManager::UnknownOperation) +
                         QLatin1Char(' ') + m_url.toString();
    m_task = suspendTask(h, aio::WaitKind::IO, what.toStdString());
    if (!reply) complete();  // deleted before we got here: report it at once
}

HttpResponse ReplyAwaiter::await_resume() {
    throwIfCancelled(m_task);
    QNetworkReply* reply = m_reply.data();
    if (!reply)
        throw NetworkError(QNetworkReply::OperationCanceledError,
                           QStringLiteral("The network reply was deleted before it finished"), m_url);
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (reply->error() != QNetworkReply::NoError && !status.isValid())
        throw NetworkError(reply->error(), reply->errorString(), m_url);
    HttpResponse response;
    response.statusCode = status.toInt();
    response.reasonPhrase = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    response.body = reply->readAll();
    response.headers = reply->rawHeaderPairs();
    response.url = reply->url();
    return response;
}

void ReplyAwaiter::abortSource() {
    disconnectReply();  // abort() emits finished at once: it must not complete us
    if (m_reply && m_reply->isRunning()) m_reply->abort();
}

void ReplyAwaiter::disconnectReply() {
    QObject::disconnect(m_finished);
    QObject::disconnect(m_destroyed);
}

}  // namespace qtaio
