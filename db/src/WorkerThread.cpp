#include "WorkerThread.h"

#include <QDeadlineTimer>
#include <QThread>

#include <condition_variable>
#include <deque>
#include <mutex>

namespace db::detail {

struct WorkerThread::Jobs {
    std::mutex mutex;
    std::condition_variable wake;
    std::deque<std::function<void()>> queue;
    bool stopping = false;

    void run()
    {
        for (;;) {
            std::function<void()> job;
            {
                std::unique_lock lock(mutex);
                wake.wait(lock, [this] { return !queue.empty() || stopping; });
                if (queue.empty())
                    return; // stopping, and every job posted before stop() has run
                job = std::move(queue.front());
                queue.pop_front();
            }
            job();
        }
    }
};

WorkerThread::WorkerThread(const QString &name)
    : m_jobs(std::make_shared<Jobs>())
{
    m_thread = QThread::create([jobs = m_jobs] { jobs->run(); });
    m_thread->setObjectName(name);
    m_thread->start();
}

WorkerThread::~WorkerThread()
{
    stop();
    if (join(2000)) {
        delete m_thread;
        return;
    }
    // Deleting a running QThread aborts the program: let it delete itself when it ends.
    qWarning("db: the thread '%s' is still busy; it ends on its own", qPrintable(m_thread->objectName()));
    QObject::connect(m_thread, &QThread::finished, m_thread, &QObject::deleteLater);
    if (m_thread->isFinished())
        m_thread->deleteLater();
}

bool WorkerThread::post(std::function<void()> job)
{
    {
        std::lock_guard lock(m_jobs->mutex);
        if (m_jobs->stopping)
            return false;
        m_jobs->queue.push_back(std::move(job));
    }
    m_jobs->wake.notify_one();
    return true;
}

void WorkerThread::stop()
{
    {
        std::lock_guard lock(m_jobs->mutex);
        m_jobs->stopping = true;
    }
    m_jobs->wake.notify_one();
}

bool WorkerThread::join(int ms)
{
    return m_thread->wait(QDeadlineTimer(ms));
}

} // namespace db::detail
