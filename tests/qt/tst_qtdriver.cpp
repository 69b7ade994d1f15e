// QtDriver: the aio loop running in real time inside Qt's event loop.
#include "qtaio/qtdriver.h"

#include "aio/errors.hpp"
#include "aio/event.hpp"
#include "aio/sleep.hpp"
#include "aio/task.hpp"

#include <QSignalSpy>
#include <QStringList>
#include <QTimer>
#include <QtTest>

using qtaio::QtDriver;

namespace {

aio::Task<int> answer() { co_return 42; }

aio::Task<void> sleepThenNote(double seconds, QString name, QStringList* order) {
    co_await aio::sleep(seconds);
    order->append(name);
}

aio::Task<void> sleepLong(bool* cleanedUp) {
    try {
        co_await aio::sleep(30.0);
    } catch (const aio::CancelledError&) {
        *cleanedUp = true;
        throw;
    }
}

aio::Task<void> waitForEvent(aio::Event* event) { co_await event->wait(); }

}  // namespace

class TestQtDriver : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aStartedTaskRunsWithoutParentAndReportsItsEnd();
    void twoSleepsEndInOrderWhileQtKeepsHandlingEvents();
    void aSleepingLoopDoesNotSpin();
    void runUntilGivesUpAfterItsTimeout();
    void workMadeReadyByAQtSlotRunsEvenWithoutAKick();
    void destroyingTheDriverCancelsItsTasks();
    void aSecondDriverOnTheSameThreadIsRefused();
};

void TestQtDriver::aStartedTaskRunsWithoutParentAndReportsItsEnd() {
    QtDriver driver;
    QCOMPARE(QtDriver::current(), &driver);
    QCOMPARE(aio::EventLoop::current(), &driver.loop());
    QSignalSpy finished(&driver, &QtDriver::taskFinished);

    aio::Task<int> task = driver.start(answer(), "answer");
    QVERIFY(task.is_scheduled());
    QVERIFY(!task.done());  // like asyncio: it runs when the loop runs, not in create_task
    QVERIFY(driver.runUntilComplete(task, 5000));

    QCOMPARE(task.result(), 42);
    QCOMPARE(task.name(), std::string("answer"));
    QVERIFY(task.id() != 0);
    QCOMPARE(task.promise().parent, 0u);  // created outside any task
    // The done callback runs one iteration after the task finished, then the signal follows.
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
    QCOMPARE(finished.at(0).at(0).value<quint32>(), task.id());
}

void TestQtDriver::twoSleepsEndInOrderWhileQtKeepsHandlingEvents() {
    QtDriver driver;
    QVERIFY(!driver.loop().is_virtual());
    QStringList order;
    // Ticks of a plain QTimer that arrive while both tasks sleep: a driver that
    // blocked the thread through the sleep would let none through.
    int ticksWhileAsleep = 0;
    QTimer ticker;
    ticker.setInterval(5);
    connect(&ticker, &QTimer::timeout, this, [&] {
        if (order.isEmpty() && driver.loop().next_deadline_ns()) ++ticksWhileAsleep;
    });
    ticker.start();

    aio::Task<void> first = driver.start(sleepThenNote(0.05, QStringLiteral("first"), &order));
    aio::Task<void> second = driver.start(sleepThenNote(0.05, QStringLiteral("second"), &order));
    QVERIFY(driver.runUntil([&] { return first.done() && second.done(); }, 5000));

    first.result();
    second.result();
    QCOMPARE(order, QStringList({QStringLiteral("first"), QStringLiteral("second")}));
    QVERIFY2(ticksWhileAsleep >= 1, "the QTimer never fired while the aio tasks slept");
}

void TestQtDriver::aSleepingLoopDoesNotSpin() {
    QtDriver driver;
    QStringList order;
    aio::Task<void> task = driver.start(sleepThenNote(0.1, QStringLiteral("sleeper"), &order));
    QVERIFY(driver.runUntilComplete(task, 5000));
    QCOMPARE(order, QStringList{QStringLiteral("sleeper")});
    // One run for the first step, one (rarely two) for the deadline: a polling
    // driver would wake thousands of times in 0.1 s.
    const auto wakeups = driver.wakeups();
    QVERIFY2(wakeups >= 2 && wakeups <= 20, qPrintable(QStringLiteral("wakeups: %1").arg(wakeups)));
}

void TestQtDriver::runUntilGivesUpAfterItsTimeout() {
    QtDriver driver;
    bool cleanedUp = false;
    aio::Task<void> task = driver.start(sleepLong(&cleanedUp));
    QVERIFY(!driver.runUntilComplete(task, 50));
    QVERIFY(!task.done());

    QVERIFY(task.cancel());
    driver.kick();
    QVERIFY(driver.runUntilComplete(task, 5000));
    QVERIFY(task.cancelled());
    QVERIFY(cleanedUp);
}

void TestQtDriver::workMadeReadyByAQtSlotRunsEvenWithoutAKick() {
    QtDriver driver;
    aio::Event event;
    aio::Task<void> task = driver.start(waitForEvent(&event));
    // Set from a plain Qt slot, outside any task, and nobody calls kick().
    QTimer::singleShot(20, this, [&event] { event.set(); });
    QVERIFY(driver.runUntilComplete(task, 5000));
    task.result();
}

void TestQtDriver::destroyingTheDriverCancelsItsTasks() {
    bool cleanedUp = false;
    {
        QtDriver driver;
        driver.start(sleepLong(&cleanedUp));  // the loop keeps the task alive
        QVERIFY(driver.runUntil([&] { return driver.loop().next_deadline_ns().has_value(); }, 5000));
        QVERIFY(!cleanedUp);
    }
    QVERIFY(cleanedUp);
    QCOMPARE(QtDriver::current(), nullptr);
    QCOMPARE(aio::EventLoop::current(), nullptr);
}

void TestQtDriver::aSecondDriverOnTheSameThreadIsRefused() {
    QtDriver driver;
    QVERIFY_THROWS_EXCEPTION(aio::RuntimeError, QtDriver second);
    // The refused one changed nothing.
    QCOMPARE(QtDriver::current(), &driver);
    QCOMPARE(aio::EventLoop::current(), &driver.loop());
}

QTEST_GUILESS_MAIN(TestQtDriver)
#include "tst_qtdriver.moc"
