// task_done() called more times than items were put raises ValueError.
#include "rule_registry.hpp"

namespace {
using rules::log;

AIO_RULE(queue_task_done_too_many) {
    aio::Queue<std::string> q;
    q.put_nowait("a");
    q.get_nowait();
    q.task_done();
    log("one task_done for one item");
    try {
        q.task_done();
    } catch (const aio::ValueError&) {
        log("second task_done: caught ", rules::describe_current());
    }
    co_return;
}
}  // namespace
