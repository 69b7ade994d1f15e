// qtaio::ThreadPoolExecutor: under a QtDriver, aio::to_thread runs on a real thread of
// Qt's pool while the loop goes on; results and exceptions come back; a cancelled await
// leaves the thread to finish and drops its result. Bounded waits only; no timing asserted.
#include "qtaio/qtdriver.h"
#include "qtaio/threadpoolexecutor.h"

#include "aio/aio.hpp"
#include "aio/to_thread.hpp"

#include <QScopeGuard>
#include <QSemaphore>
#include <QThreadPool>
#include <QtTest>

#include <atomic>
#include <stdexcept>
#include <thread>

using qtaio::QtDriver;

namespace {

std::thread::id idOfThisThread() { return std::this_thread::get_id(); }

// Work that holds at a gate the test opens; it says when it started and when it finished.
struct Gate {
    QSemaphore open;
    std::atomic<bool> started{false};
    std::atomic<bool> finished{false};
};

int waitAtGate(Gate* gate) {
    gate->started.store(true);
    gate->open.acquire();
    gate->finished.store(true);
    return 7;
}

int failing() { throw std::runtime_error("disk on fire"); }

// A task that ticks while the work is out on its thread: the loop is not held.
aio::Task<int> ticker(std::atomic<int>* ticks, Gate* gate) {
    for (int i = 0; i < 3; ++i) {
        co_await aio::sleep(0.01);
        ++*ticks;
    }
    gate->open.release(); // only now may the work end
    co_return *ticks;
}

aio::Task<int> workWhileTicking(Gate* gate, std::atomic<int>* ticks) {
    aio::Task<int> tick = aio::create_task(ticker(ticks, gate), "ticker");
    const int value = co_await aio::to_thread(waitAtGate, gate);
    co_return value + co_await tick;
}

aio::Task<QString> messageOfFailure() {
    try {
        co_await aio::to_thread(failing);
    } catch (const std::runtime_error& e) {
        co_return QString::fromUtf8(e.what());
    }
    co_return QStringLiteral("no exception");
}

aio::Task<int> awaitGate(Gate* gate) { co_return co_await aio::to_thread(waitAtGate, gate); }

}  // namespace

class TestThreadPoolExecutor : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void toThreadRunsOnAnotherThread() {
        QtDriver driver;
        aio::Task<std::thread::id> task = driver.start(aio::to_thread(idOfThisThread));
        QVERIFY(driver.runUntilComplete(task, 5000));
        QVERIFY(task.result() != std::this_thread::get_id());
        QCOMPARE(driver.loop().external(), 0);
    }

    void theLoopRunsWhileTheWorkIsOut() {
        QtDriver driver;
        Gate gate;
        std::atomic<int> ticks{0};
        const auto open = qScopeGuard([&gate] {  // never strand a worker, also when a check fails
            gate.open.release(10);
            QThreadPool::globalInstance()->waitForDone(5000);
        });
        aio::Task<int> task = driver.start(workWhileTicking(&gate, &ticks));
        QVERIFY(driver.runUntilComplete(task, 10000));
        // The work could only end after the ticker ticked three times on the loop.
        QCOMPARE(task.result(), 7 + 3);
        QVERIFY(gate.finished.load());
    }

    void anExceptionComesBackToTheTask() {
        QtDriver driver;
        aio::Task<QString> task = driver.start(messageOfFailure());
        QVERIFY(driver.runUntilComplete(task, 5000));
        QCOMPARE(task.result(), QStringLiteral("disk on fire"));
    }

    void cancellingTheAwaitLeavesTheThreadToFinish() {
        Gate gate;
        const auto open = qScopeGuard([&gate] {
            gate.open.release(10);
            QThreadPool::globalInstance()->waitForDone(5000);
        });
        {
            QtDriver driver;
            aio::Task<int> task = driver.start(awaitGate(&gate));
            // Running on its thread (another thread's flag: polled, the loop is not told).
            QTRY_VERIFY_WITH_TIMEOUT(gate.started.load(), 5000);
            task.cancel();
            QVERIFY(driver.runUntil([&] { return task.done(); }, 5000));
            QVERIFY(task.cancelled());
            QVERIFY(!gate.finished.load()); // the thread still runs: asyncio does not kill it
            gate.open.release();            // now it ends; its result is dropped
            QVERIFY(driver.runUntil([&] { return driver.loop().external() == 0; }, 5000));
            QVERIFY(gate.finished.load());
        }
        // A work that finishes after its loop is gone delivers nothing and crashes nothing.
        Gate late;
        {
            QtDriver driver;
            aio::Task<int> task = driver.start(awaitGate(&late));
            QTRY_VERIFY_WITH_TIMEOUT(late.started.load(), 5000);
        }
        late.open.release();
        QVERIFY(QThreadPool::globalInstance()->waitForDone(5000));
        QVERIFY(late.finished.load());
        QCoreApplication::processEvents();
    }
};

QTEST_GUILESS_MAIN(TestThreadPoolExecutor)
#include "tst_threadpoolexecutor.moc"
