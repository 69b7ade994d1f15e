#include "qtaio/qtdriver.h"

#include "qtaio/threadpoolexecutor.h"

#include "aio/errors.hpp"
#include "aio/future_core.hpp"

#include <QAbstractEventDispatcher>
#include <QEventLoop>
#include <QPointer>

#include <algorithm>
#include <climits>

namespace qtaio {

namespace {
thread_local QtDriver* tl_driver = nullptr;

// One slice of loop iterations stops after this much loop time, so that a burst
// of ready work (a learner's 100,000 tasks) leaves room for Qt's own events.
constexpr std::int64_t kSliceBudgetNs = 8'000'000;
}  // namespace

// A done callback on a task given to start(): remembers the id for taskFinished.
struct QtDriver::DoneWatch : aio::Callback {
    DoneWatch(QtDriver* d, std::uint32_t id) : aio::Callback(&QtDriver::onTaskDone, this), driver(d), taskId(id) {}
    QtDriver* driver;
    std::uint32_t taskId;
};

aio::ClockKind QtDriver::claimThread() {
    if (aio::EventLoop::current())
        throw aio::RuntimeError("QtDriver: this thread already has an aio event loop (one driver per thread)");
    return aio::ClockKind::Steady;
}

QtDriver::QtDriver(QObject* parent) : QObject(parent), m_loop(claimThread()) {
    tl_driver = this;
    // to_thread / run_in_executor go to real threads here, not to the virtual executor.
    m_loop.set_default_executor(std::make_shared<ThreadPoolExecutor>(m_loop));
    m_soonTimer.setSingleShot(true);
    m_soonTimer.setInterval(0);
    m_deadlineTimer.setSingleShot(true);
    m_deadlineTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_soonTimer, &QTimer::timeout, this, &QtDriver::runSlice);
    connect(&m_deadlineTimer, &QTimer::timeout, this, &QtDriver::runSlice);
    // The safety net: before the thread sleeps, make sure ready work has a run posted.
    if (QAbstractEventDispatcher* dispatcher = QAbstractEventDispatcher::instance(thread()))
        connect(dispatcher, &QAbstractEventDispatcher::aboutToBlock, this, &QtDriver::reschedule);
}

QtDriver::~QtDriver() {
    m_soonTimer.stop();
    m_deadlineTimer.stop();
    m_inSlice = true;  // from here on nothing may post or re-enter a run
    // asyncio.run's shutdown: cancelled tasks wake at once (their timers are
    // disarmed, their replies aborted); whatever still waits is destroyed.
    m_loop.cancel_all_and_finish();
    m_watches.clear();
    m_finished.clear();
    tl_driver = nullptr;
}

QtDriver* QtDriver::current() noexcept { return tl_driver; }

void QtDriver::kick() { reschedule(); }

bool QtDriver::isDue() const noexcept {
    if (m_loop.has_ready()) return true;
    const auto next = m_loop.next_deadline_ns();
    return next && *next <= m_loop.time_ns();
}

void QtDriver::reschedule() {
    if (m_inSlice) return;  // the running slice reschedules when it ends
    if (isDue()) {
        if (!m_soonTimer.isActive()) m_soonTimer.start();
        return;
    }
    const auto next = m_loop.next_deadline_ns();
    if (!next) {
        m_deadlineTimer.stop();
        return;
    }
    if (m_deadlineTimer.isActive() && m_armedFor == *next) return;
    // Qt counts whole milliseconds: round up, so the timer never fires before the
    // deadline is due (if it does anyway, the slice re-arms instead of running).
    const std::int64_t waitNs = *next - m_loop.time_ns();
    const std::int64_t waitMs = std::min<std::int64_t>((waitNs + 999'999) / 1'000'000, INT_MAX);
    m_armedFor = *next;
    m_deadlineTimer.start(static_cast<int>(waitMs));
}

void QtDriver::runSlice() {
    if (m_inSlice) return;  // a nested Qt event loop inside a task: wait for the outer slice
    ++m_wakeups;
    bool ran = false;
    m_inSlice = true;
    const std::int64_t began = m_loop.time_ns();
    try {
        while (isDue()) {
            m_loop.run_once(false);
            ran = true;
            if (m_loop.time_ns() - began > kSliceBudgetNs) break;
        }
    } catch (...) {
        m_inSlice = false;
        reschedule();
        throw;
    }
    m_inSlice = false;

    QPointer<QtDriver> self(this);  // a slot may delete the driver
    if (!reportFinished() || !self) return;
    if (ran) Q_EMIT advanced();
    if (!self) return;
    reschedule();
}

void QtDriver::watch(aio::detail::TaskCore& task) {
    auto& slot = m_watches[task.id];
    if (slot) return;  // already watched
    slot = std::make_unique<DoneWatch>(this, task.id);
    task.add_done_callback(slot.get());
}

void QtDriver::onTaskDone(void* watch) {
    auto* w = static_cast<DoneWatch*>(watch);
    w->driver->m_finished.push_back(w->taskId);
}

// Emits taskFinished for the tasks that finished during the last slice (outside
// of it, so slots never run in the middle of a loop iteration). Returns false
// if a slot deleted the driver.
bool QtDriver::reportFinished() {
    if (m_finished.empty()) return true;
    std::vector<std::uint32_t> finished;
    finished.swap(m_finished);
    QPointer<QtDriver> self(this);
    for (std::uint32_t id : finished) {
        m_watches.erase(id);
        Q_EMIT taskFinished(id);
        if (!self) return false;
    }
    return true;
}

bool QtDriver::runUntil(const std::function<bool()>& done, int timeoutMs) {
    if (m_inSlice) throw aio::RuntimeError("QtDriver::runUntil() cannot be called from inside a task");
    if (done()) return true;
    QEventLoop waiter;
    QTimer guard;
    guard.setSingleShot(true);
    connect(&guard, &QTimer::timeout, &waiter, &QEventLoop::quit);
    const auto check = [&] {
        if (done()) waiter.quit();
    };
    // After every run of the loop, and whenever Qt is about to sleep (the condition
    // may depend on things outside the loop, such as a server having seen a request).
    connect(this, &QtDriver::advanced, &waiter, check);
    if (QAbstractEventDispatcher* dispatcher = QAbstractEventDispatcher::instance(thread()))
        connect(dispatcher, &QAbstractEventDispatcher::aboutToBlock, &waiter, check);
    guard.start(std::max(timeoutMs, 0));
    kick();
    waiter.exec();
    return done();
}

}  // namespace qtaio
