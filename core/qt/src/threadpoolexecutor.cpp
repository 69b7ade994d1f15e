#include "qtaio/threadpoolexecutor.h"

#include "qtaio/qtdriver.h"

#include "aio/event_loop.hpp"

#include <QMetaObject>
#include <QObject>
#include <QThreadPool>

#include <mutex>

namespace qtaio {

// Where workers post their finished work: a QObject on the loop's thread receives it. The
// executor closes the mailbox before it goes, under the lock, so a worker never posts to a
// receiver that is being destroyed.
struct ThreadPoolExecutor::Mailbox {
    aio::EventLoop* loop = nullptr;
    std::mutex mutex;
    bool closed = false;
    QObject* receiver = nullptr;  // lives on the loop's thread

    void post(std::shared_ptr<aio::Work> work) {
        std::lock_guard lock(mutex);
        if (closed) return;
        QMetaObject::invokeMethod(
            receiver, [this, work = std::move(work)] { deliver(*work); }, Qt::QueuedConnection);
    }

    // On the loop's thread: the outcome goes to the awaiting future (or nowhere, if nobody
    // waits any more), and the driver looks at the loop again.
    void deliver(aio::Work& work) {
        loop->remove_external();
        work.complete(*loop);
        if (QtDriver* driver = QtDriver::current()) driver->kick();
    }
};

ThreadPoolExecutor::ThreadPoolExecutor(aio::EventLoop& loop, QThreadPool* pool)
    : m_mailbox(std::make_shared<Mailbox>()), m_pool(pool ? pool : QThreadPool::globalInstance()) {
    m_mailbox->loop = &loop;
    m_mailbox->receiver = new QObject;
}

ThreadPoolExecutor::~ThreadPoolExecutor() {
    {
        std::lock_guard lock(m_mailbox->mutex);
        m_mailbox->closed = true;
    }
    // Queued deliveries to it are dropped with it; its loop is ending.
    delete m_mailbox->receiver;
    m_mailbox->receiver = nullptr;
}

void ThreadPoolExecutor::submit(std::shared_ptr<aio::Work> work) {
    m_mailbox->loop->add_external();
    m_pool->start([mailbox = m_mailbox, work = std::move(work)]() mutable {
        if (work->set_running_or_notify_cancel()) work->run();
        mailbox->post(std::move(work));
    });
}

}  // namespace qtaio
