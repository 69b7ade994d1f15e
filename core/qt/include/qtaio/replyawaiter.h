// co_await qtaio::awaitReply(reply): the task waits (WaitKind::IO in the trace)
// until the QNetworkReply finished, then gets an HttpResponse with status code
// and body, or a qtaio::NetworkError when no HTTP response arrived.
//
// Cancelling the waiting task aborts the reply (reply->error() becomes
// QNetworkReply::OperationCanceledError) and raises aio::CancelledError in the task.
// The reply stays owned by the caller (its manager, or deleteLater()).
#pragma once

#include "qtaio/externalfuture.h"
#include "qtaio/httpresponse.h"

#include <QMetaObject>
#include <QNetworkReply>
#include <QPointer>
#include <QUrl>

#include <coroutine>

namespace qtaio {

class ReplyAwaiter final : private ExternalFuture {
public:
    explicit ReplyAwaiter(QNetworkReply* reply);
    ReplyAwaiter(const ReplyAwaiter&) = delete;
    ReplyAwaiter& operator=(const ReplyAwaiter&) = delete;
    ~ReplyAwaiter() override;

    bool await_ready() const noexcept;
    void await_suspend(std::coroutine_handle<> h);
    HttpResponse await_resume();

private:
    void abortSource() override;
    void disconnectReply();

    QPointer<QNetworkReply> m_reply;
    QUrl m_url;
    QMetaObject::Connection m_finished;
    QMetaObject::Connection m_destroyed;
    aio::detail::TaskCore* m_task = nullptr;
};

inline ReplyAwaiter awaitReply(QNetworkReply* reply) { return ReplyAwaiter(reply); }

}  // namespace qtaio
