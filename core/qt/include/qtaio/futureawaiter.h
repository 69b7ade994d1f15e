// co_await qtaio::awaitFuture(future): the task waits (WaitKind::Future in the
// trace) for a QFuture, e.g. the result of QtConcurrent::run, and gets its value.
//
// The future is watched by a QFutureWatcher on the loop's thread, so its result
// arrives through Qt's event loop and the driver resumes the task. An exception
// thrown in the worker is rethrown in the task as it was thrown (Qt's
// QUnhandledException wrapper is taken off). Cancelling the waiting task raises
// aio::CancelledError at once and asks the QFuture to cancel, as asyncio's
// wrap_future does: a function already running on its thread runs to its end.
#pragma once

#include "qtaio/externalfuture.h"

#include "aio/errors.hpp"

#include <QException>
#include <QFuture>
#include <QFutureWatcher>
#include <QMetaObject>

#include <coroutine>
#include <utility>

namespace qtaio {

template <class T>
class FutureAwaiter final : private ExternalFuture {
public:
    explicit FutureAwaiter(QFuture<T> future) : m_future(std::move(future)) {}
    FutureAwaiter(const FutureAwaiter&) = delete;
    FutureAwaiter& operator=(const FutureAwaiter&) = delete;
    ~FutureAwaiter() override { QObject::disconnect(m_connection); }

    bool await_ready() const { return m_future.isFinished(); }

    void await_suspend(std::coroutine_handle<> h) {
        // Connect before setFuture, so a future that finishes right now is not missed.
        m_connection = QObject::connect(&m_watcher, &QFutureWatcherBase::finished, &m_watcher, [this] {
            QObject::disconnect(m_connection);
            complete();
        });
        m_task = suspendTask(h, aio::WaitKind::Future, "QFuture");
        if (!done()) m_watcher.setFuture(m_future);
    }

    T await_resume() {
        throwIfCancelled(m_task);
        try {
            m_future.waitForFinished();  // finished already; rethrows the worker's exception
        } catch (const QUnhandledException& e) {
            if (e.exception()) std::rethrow_exception(e.exception());
            throw;
        }
        if (m_future.isCanceled()) throw aio::CancelledError("the QFuture was canceled");
        if constexpr (!std::is_void_v<T>) {
            if (m_future.resultCount() == 0) throw aio::InvalidStateError("the QFuture finished without a result");
            return m_future.result();
        }
    }

private:
    void abortSource() override {
        QObject::disconnect(m_connection);
        m_future.cancel();
    }

    QFuture<T> m_future;
    QFutureWatcher<T> m_watcher;
    QMetaObject::Connection m_connection;
    aio::detail::TaskCore* m_task = nullptr;
};

template <class T>
FutureAwaiter<T> awaitFuture(QFuture<T> future) {
    return FutureAwaiter<T>(std::move(future));
}

}  // namespace qtaio
