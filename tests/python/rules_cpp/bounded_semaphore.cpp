// BoundedSemaphore: releasing more often than acquired raises ValueError.
#include "rule_registry.hpp"

namespace {
using rules::log;

AIO_RULE(bounded_semaphore) {
    aio::BoundedSemaphore sem(2);
    co_await sem.acquire();
    sem.release();
    log("acquire + release ok");
    try {
        sem.release();
    } catch (const aio::ValueError&) {
        log("over-release: caught ", rules::describe_current());
    }
    aio::Semaphore plain(1);
    plain.release();
    log("plain Semaphore over-release is allowed, locked() ", plain.locked());
}
}  // namespace
