// QtDriver: runs an aio::EventLoop in real time inside Qt's event loop.
//
// The driver never blocks and never spins. Whenever the loop has ready work it
// posts one zero-timeout single shot (coalesced: at most one is pending) that
// runs loop iterations with run_once(false); when nothing is ready it arms one
// precise single-shot QTimer for the loop's next timer deadline; when there is
// neither, it waits for Qt to deliver something (a reply, a thread's result)
// and does nothing at all meanwhile.
//
// Work that completes from the Qt side (a slot completing a future) must be
// followed by kick(). The awaiters of this library kick on their own; as a
// safety net the driver also looks at the loop each time Qt's event loop is
// about to block, so a forgotten kick costs latency, never a lost wake-up.
//
// Create the driver after QCoreApplication, on the thread whose Qt event loop
// should run the tasks. Drop every aio::Task handle before the driver is
// destroyed: until core/aio forgets its loop in ~TaskCore, a handle that
// outlives the loop touches freed memory when it is released.
#pragma once

#include "aio/event_loop.hpp"
#include "aio/task.hpp"

#include <QObject>
#include <QTimer>

#include <cstdint>
#include <functional>
#include <memory>
#include <source_location>
#include <string>
#include <unordered_map>
#include <vector>

namespace qtaio {

class QtDriver : public QObject {
    Q_OBJECT

public:
    // Creates the steady-clock loop of this thread. Throws aio::RuntimeError when
    // the thread already has an aio loop (one driver per thread, never inside aio::run).
    explicit QtDriver(QObject* parent = nullptr);
    // Cancels every unfinished task and lets it clean up, as aio::run's shutdown does.
    ~QtDriver() override;

    // The driver of the calling thread, or nullptr.
    static QtDriver* current() noexcept;

    aio::EventLoop& loop() noexcept { return m_loop; }
    const aio::EventLoop& loop() const noexcept { return m_loop; }

    // asyncio.create_task from outside any task (parent id 0): schedules the
    // coroutine and returns its task; taskFinished(id) follows when it is done.
    template <class T>
    aio::Task<T> start(aio::Task<T> coro, std::string name = {},
                       std::source_location where = std::source_location::current()) {
        aio::Task<T> task = aio::create_task(std::move(coro), std::move(name), where);
        watch(*task.core());
        kick();
        return task;
    }

    // Look at the loop again: schedule a run if work is ready, or re-arm the
    // deadline timer. Cheap; call it after completing a future or cancelling a
    // task from outside a task.
    void kick();

    // For tests and tools: spins a QEventLoop until `done()` holds or `timeoutMs`
    // passed (so a test never hangs). Returns done(). Not from inside a task.
    bool runUntil(const std::function<bool()>& done, int timeoutMs = 10000);
    template <class T>
    bool runUntilComplete(const aio::Task<T>& task, int timeoutMs = 10000) {
        if (!task.is_scheduled()) start(task);
        return runUntil([&task] { return task.done(); }, timeoutMs);
    }

    // How often one of the driver's timers woke it up (a spinning driver would
    // show thousands per second; an idle one shows none).
    std::uint64_t wakeups() const noexcept { return m_wakeups; }

Q_SIGNALS:
    // A task given to start() is done (result, exception or cancelled).
    void taskFinished(quint32 taskId);
    // The driver ran one or more loop iterations (views may refresh now).
    void advanced();

private:
    struct DoneWatch;

    static aio::ClockKind claimThread();
    static void onTaskDone(void* watch);
    bool isDue() const noexcept;
    void runSlice();
    void reschedule();
    void watch(aio::detail::TaskCore& task);
    bool reportFinished();

    aio::EventLoop m_loop;
    QTimer m_soonTimer;      // zero timeout: ready work
    QTimer m_deadlineTimer;  // precise: the next aio timer
    std::int64_t m_armedFor = 0;
    std::uint64_t m_wakeups = 0;
    bool m_inSlice = false;
    std::unordered_map<std::uint32_t, std::unique_ptr<DoneWatch>> m_watches;
    std::vector<std::uint32_t> m_finished;
};

}  // namespace qtaio
