// The event kinds whose `object` is a queue, semaphore, lock, event or token bucket (an object
// announced by ObjectCreated), shared by the text log and the trace file reader.
#pragma once

#include "aio/trace_event.hpp"

namespace trace::detail {

inline bool names_sync_object(aio::TraceEventKind kind) noexcept {
    using aio::TraceEventKind;
    switch (kind) {
    case TraceEventKind::QueuePut:
    case TraceEventKind::QueueGet:
    case TraceEventKind::QueueTaskDone:
    case TraceEventKind::QueueJoin:
    case TraceEventKind::SemAcquire:
    case TraceEventKind::SemRelease:
    case TraceEventKind::LockAcquire:
    case TraceEventKind::LockRelease:
    case TraceEventKind::AsyncioEventSet:
    case TraceEventKind::AsyncioEventClear:
    case TraceEventKind::BucketTake:
    case TraceEventKind::ObjectCount: return true;
    default: return false;
    }
}

}  // namespace trace::detail
