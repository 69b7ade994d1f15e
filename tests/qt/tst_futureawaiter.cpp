// qtaio::awaitFuture: an aio task waits for a QFuture (QtConcurrent, QPromise).
#include "qtaio/futureawaiter.h"
#include "qtaio/qtdriver.h"

#include "recordingsink.h"

#include "aio/errors.hpp"
#include "aio/run.hpp"
#include "aio/task.hpp"

#include <QPromise>
#include <QScopeGuard>
#include <QSemaphore>
#include <QThreadPool>
#include <QThread>
#include <QtConcurrent>
#include <QtTest>

#include <atomic>
#include <stdexcept>
#include <utility>

using qtaio::QtDriver;

namespace {

// The worker holds at `gate` until the test opens it, so the task surely waits.
aio::Task<int> answerFromAnotherThread(QSemaphore* gate, QThread** worker) {
    const auto [value, thread] = co_await qtaio::awaitFuture(QtConcurrent::run([gate] {
        gate->acquire();
        return std::make_pair(6 * 7, QThread::currentThread());
    }));
    *worker = thread;
    co_return value;
}

aio::Task<QString> messageOfFailingWorker() {
    try {
        co_await qtaio::awaitFuture(QtConcurrent::run([]() -> int { throw std::runtime_error("disk on fire"); }));
    } catch (const std::runtime_error& e) {
        co_return QString::fromUtf8(e.what());
    }
    co_return QStringLiteral("no exception");
}

aio::Task<void> runVoidWorker(std::atomic<bool>* ran) {
    co_await qtaio::awaitFuture(QtConcurrent::run([ran] { ran->store(true); }));
}

aio::Task<int> awaitGiven(QFuture<int> future) { co_return co_await qtaio::awaitFuture(future); }

}  // namespace

class TestFutureAwaiter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aTaskGetsTheResultComputedOnAnotherThread();
    void anExceptionInTheWorkerIsRaisedInTheTask();
    void aVoidFutureCanBeAwaited();
    void aFinishedFutureDoesNotSuspend();
    void cancellingTheTaskCancelsTheFuture();
    void aFutureCanceledByItsProducerRaisesCancelledError();
    void awaitingWithoutADriverIsAnError();
};

void TestFutureAwaiter::aTaskGetsTheResultComputedOnAnotherThread() {
    RecordingSink sink;
    QtDriver driver;
    driver.loop().set_sink(&sink);
    QSemaphore gate;
    const auto openGate = qScopeGuard([&gate] {  // also when a check fails: never strand the worker
        gate.release();
        QThreadPool::globalInstance()->waitForDone(5000);
    });
    QThread* worker = nullptr;
    aio::Task<int> task = driver.start(answerFromAnotherThread(&gate, &worker));
    QVERIFY(driver.runUntil([&] { return driver.loop().external() == 1; }, 5000));  // suspended
    gate.release();
    QVERIFY(driver.runUntilComplete(task, 5000));

    QCOMPARE(task.result(), 42);
    QVERIFY(worker != nullptr);
    QVERIFY(worker != QThread::currentThread());
    QCOMPARE(driver.loop().external(), 0);
    // The trace shows the wait as a wait on a future, at the line of the co_await.
    const auto waits = sink.suspensions(aio::WaitKind::Future);
    QCOMPARE(waits.size(), std::size_t(1));
    QCOMPARE(sink.objectName(waits[0].object), std::string("QFuture"));
    QVERIFY(QByteArray(waits[0].file).endsWith("tst_futureawaiter.cpp"));
    QVERIFY(waits[0].line > 0);
    driver.loop().set_sink(nullptr);
}

void TestFutureAwaiter::anExceptionInTheWorkerIsRaisedInTheTask() {
    QtDriver driver;
    aio::Task<QString> task = driver.start(messageOfFailingWorker());
    QVERIFY(driver.runUntilComplete(task, 5000));
    QCOMPARE(task.result(), QStringLiteral("disk on fire"));
}

void TestFutureAwaiter::aVoidFutureCanBeAwaited() {
    QtDriver driver;
    std::atomic<bool> ran{false};
    aio::Task<void> task = driver.start(runVoidWorker(&ran));
    QVERIFY(driver.runUntilComplete(task, 5000));
    task.result();
    QVERIFY(ran.load());
}

void TestFutureAwaiter::aFinishedFutureDoesNotSuspend() {
    QFuture<int> future = QtConcurrent::run([] { return 7; });
    future.waitForFinished();
    RecordingSink sink;
    QtDriver driver;
    driver.loop().set_sink(&sink);
    aio::Task<int> task = driver.start(awaitGiven(future));
    QVERIFY(driver.runUntilComplete(task, 5000));
    QCOMPARE(task.result(), 7);
    QVERIFY(sink.suspensions(aio::WaitKind::Future).empty());
    driver.loop().set_sink(nullptr);
}

void TestFutureAwaiter::cancellingTheTaskCancelsTheFuture() {
    QPromise<int> promise;  // a producer that never delivers
    promise.start();
    QtDriver driver;
    aio::Task<int> task = driver.start(awaitGiven(promise.future()));
    QVERIFY(driver.runUntil([&] { return driver.loop().external() == 1; }, 5000));  // waiting on it

    QVERIFY(task.cancel());  // no kick(): cancelling the future kicks the driver
    QVERIFY(driver.runUntilComplete(task, 5000));
    QVERIFY(task.cancelled());
    QVERIFY(promise.isCanceled());  // asyncio's wrap_future: the cancel reaches the source
    QCOMPARE(driver.loop().external(), 0);
    promise.finish();
}

void TestFutureAwaiter::aFutureCanceledByItsProducerRaisesCancelledError() {
    QPromise<int> promise;
    promise.start();
    QtDriver driver;
    aio::Task<int> task = driver.start(awaitGiven(promise.future()));
    QVERIFY(driver.runUntil([&] { return driver.loop().external() == 1; }, 5000));
    promise.future().cancel();
    promise.finish();
    QVERIFY(driver.runUntilComplete(task, 5000));
    QVERIFY(task.cancelled());
}

void TestFutureAwaiter::awaitingWithoutADriverIsAnError() {
    QPromise<int> promise;
    promise.start();
    // aio::run's virtual loop never processes Qt events: refuse instead of hanging.
    QVERIFY_THROWS_EXCEPTION(aio::RuntimeError, aio::run(awaitGiven(promise.future())));
    promise.finish();
}

QTEST_GUILESS_MAIN(TestFutureAwaiter)
#include "tst_futureawaiter.moc"
