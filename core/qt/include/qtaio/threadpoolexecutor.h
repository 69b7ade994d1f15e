// ThreadPoolExecutor: the real-time default executor of a QtDriver's loop, what asyncio's
// default ThreadPoolExecutor is to to_thread(). Each aio::Work runs on a QThreadPool
// (QtConcurrent's global pool unless another is given) and comes back to the loop's thread
// through a queued call, which completes it and kicks the driver.
//
// While work is out on a thread the loop counts it as external work, so a loop whose only
// task awaits a thread is waiting, not deadlocked. Work cancelled before a worker took it
// is skipped (Work::set_running_or_notify_cancel), work already running runs to its end and
// its result is dropped, as asyncio does. Once the executor is gone (its loop ended) a
// worker that finishes late delivers nothing.
#pragma once

#include "aio/executor.hpp"

#include <memory>

class QThreadPool;

namespace aio {
class EventLoop;
}

namespace qtaio {

class ThreadPoolExecutor final : public aio::Executor {
public:
    // Made on the loop's thread, for `loop`. `pool`: nullptr for QThreadPool::globalInstance();
    // it must outlive every work submitted.
    explicit ThreadPoolExecutor(aio::EventLoop& loop, QThreadPool* pool = nullptr);
    ~ThreadPoolExecutor() override;
    ThreadPoolExecutor(const ThreadPoolExecutor&) = delete;
    ThreadPoolExecutor& operator=(const ThreadPoolExecutor&) = delete;

    // On the loop's thread.
    void submit(std::shared_ptr<aio::Work> work) override;

private:
    struct Mailbox;
    std::shared_ptr<Mailbox> m_mailbox;
    QThreadPool* m_pool;
};

}  // namespace qtaio
