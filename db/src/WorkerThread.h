// WorkerThread: one thread that runs posted jobs one after another, in the order they were
// posted (FIFO). A connection's statements, its ROLLBACKs and its close are such jobs, so a
// ROLLBACK posted from a destructor runs before anything posted on that connection later.
//
// A plain job queue (mutex + condition variable) on a QThread, no Qt event loop: nothing on
// the thread needs one, and the order of the jobs is then ours, not Qt's.
#pragma once

#include <QString>

#include <functional>
#include <memory>

class QThread;

namespace db::detail {

class WorkerThread {
public:
    explicit WorkerThread(const QString &name);
    WorkerThread(const WorkerThread &) = delete;
    WorkerThread &operator=(const WorkerThread &) = delete;
    // stop(), then join(2000); a thread still busy after that is left to finish on its own
    // (its QThread object deletes itself when it does).
    ~WorkerThread();

    // Queues `job` behind the others. False (and the job dropped) after stop().
    bool post(std::function<void()> job);
    // No more jobs; those posted so far still run, then the thread ends.
    void stop();
    // Waits up to `ms` for the thread to end; true when it has.
    bool join(int ms);

private:
    struct Jobs;
    std::shared_ptr<Jobs> m_jobs; // shared with the thread, which may outlive this object
    QThread *m_thread = nullptr;
};

} // namespace db::detail
