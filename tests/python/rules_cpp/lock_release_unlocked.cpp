// Releasing a Lock that is not held raises RuntimeError.
#include "rule_registry.hpp"

namespace {
using rules::log;

AIO_RULE(lock_release_unlocked) {
    aio::Lock lock;
    log("locked() ", lock.locked());
    co_await lock.acquire();
    log("locked() ", lock.locked());
    lock.release();
    try {
        lock.release();
    } catch (const aio::RuntimeError&) {
        log("release unlocked: caught ", rules::describe_current());
    }
}
}  // namespace
