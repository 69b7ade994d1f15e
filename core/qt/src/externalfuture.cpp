#include "qtaio/externalfuture.h"

#include "qtaio/qtdriver.h"

#include "aio/detail/future_awaiter.hpp"
#include "aio/errors.hpp"

namespace qtaio {

namespace {
void kickDriver() {
    if (QtDriver* driver = QtDriver::current()) driver->kick();
}

// The trace's object for an outside wait: the reply (I/O) or the QFuture itself.
aio::ObjectKind objectKindOf(aio::WaitKind wait) {
    return wait == aio::WaitKind::IO ? aio::ObjectKind::IO : aio::ObjectKind::Future;
}
}  // namespace

ExternalFuture::~ExternalFuture() { uncount(); }

aio::detail::TaskCore* ExternalFuture::suspendTask(std::coroutine_handle<> h, aio::WaitKind kind,
                                                   const std::string& what) {
    aio::detail::TaskCore& task = aio::detail::running_task();
    if (!QtDriver::current())
        throw aio::RuntimeError("awaiting a Qt object needs a qtaio::QtDriver running this thread's loop");
    const std::uint32_t object = aio::detail::register_object(objectKindOf(kind), what, 0);
    m_loop = &aio::EventLoop::get();
    m_loop->add_external();
    m_counted = true;
    task.suspend_on(this, h, kind, object);
    return &task;
}

void ExternalFuture::complete() {
    uncount();
    if (set_done()) kickDriver();
}

bool ExternalFuture::cancel_custom() {
    if (done()) return false;
    abortSource();
    uncount();
    if (!cancel_future()) return false;
    kickDriver();
    return true;
}

void ExternalFuture::throwIfCancelled(aio::detail::TaskCore* task) const {
    if (task) task->throw_if_cancelled_now();
    // The message given to cancel(msg), if any, travels with the error as in asyncio.
    if (cancelled()) throw aio::CancelledError(cancel_message());
}

void ExternalFuture::uncount() noexcept {
    if (!m_counted) return;
    m_counted = false;
    // A frame kept alive by a Task handle may die after its loop did.
    if (aio::EventLoop::current() == m_loop) m_loop->remove_external();
}

}  // namespace qtaio
