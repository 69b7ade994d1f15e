// put_nowait on a full queue raises QueueFull; get_nowait on an empty queue raises QueueEmpty.
#include "rule_registry.hpp"

namespace {
using rules::log;

AIO_RULE(queue_nowait_errors) {
    aio::Queue<int> q(1);
    try {
        q.get_nowait();
    } catch (const aio::QueueEmpty&) {
        log("get_nowait: caught ", rules::describe_current());
    }
    q.put_nowait(1);
    log("full() ", q.full(), " maxsize ", q.maxsize());
    try {
        q.put_nowait(2);
    } catch (const aio::QueueFull&) {
        log("put_nowait: caught ", rules::describe_current());
    }
    int item = q.get_nowait();
    log("get_nowait ", item, " qsize ", q.qsize());
    co_return;
}
}  // namespace
