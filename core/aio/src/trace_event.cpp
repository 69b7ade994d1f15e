#include "aio/trace_event.hpp"

namespace aio {

std::string_view to_string(TraceEventKind kind) {
    switch (kind) {
        case TraceEventKind::TaskCreated: return "task_created";
        case TraceEventKind::TaskScheduled: return "scheduled";
        case TraceEventKind::StepBegin: return "step_begin";
        case TraceEventKind::StepEnd: return "step_end";
        case TraceEventKind::Suspended: return "suspended";
        case TraceEventKind::Woken: return "woken";
        case TraceEventKind::TaskFinished: return "finished";
        case TraceEventKind::CancelRequested: return "cancel_requested";
        case TraceEventKind::TimerArmed: return "timer_armed";
        case TraceEventKind::TimerFired: return "timer_fired";
        case TraceEventKind::TimerCancelled: return "timer_cancelled";
        case TraceEventKind::ObjectCreated: return "object_created";
        case TraceEventKind::QueuePut: return "queue_put";
        case TraceEventKind::QueueGet: return "queue_get";
        case TraceEventKind::QueueTaskDone: return "queue_task_done";
        case TraceEventKind::QueueJoin: return "queue_join";
        case TraceEventKind::SemAcquire: return "sem_acquire";
        case TraceEventKind::SemRelease: return "sem_release";
        case TraceEventKind::LockAcquire: return "lock_acquire";
        case TraceEventKind::LockRelease: return "lock_release";
        case TraceEventKind::AsyncioEventSet: return "event_set";
        case TraceEventKind::AsyncioEventClear: return "event_clear";
        case TraceEventKind::BucketTake: return "bucket_take";
        case TraceEventKind::ObjectCount: return "object_count";
        case TraceEventKind::Log: return "log";
        case TraceEventKind::Deadlock: return "deadlock";
        case TraceEventKind::NeverAwaited: return "never_awaited";
        case TraceEventKind::SlowStep: return "slow_step";
        case TraceEventKind::ExceptionNeverRetrieved: return "exception_never_retrieved";
        case TraceEventKind::RunEnd: return "run_end";
    }
    return "?";
}

std::string_view to_string(WaitKind kind) {
    switch (kind) {
        case WaitKind::None: return "none";
        case WaitKind::Yield: return "yield";
        case WaitKind::Sleep: return "sleep";
        case WaitKind::QueueGet: return "Queue.get";
        case WaitKind::QueuePut: return "Queue.put";
        case WaitKind::QueueJoin: return "Queue.join";
        case WaitKind::Semaphore: return "Semaphore";
        case WaitKind::Lock: return "Lock";
        case WaitKind::AsyncioEvent: return "Event";
        case WaitKind::Task: return "task";
        case WaitKind::Gather: return "gather";
        case WaitKind::Wait: return "wait";
        case WaitKind::TaskGroup: return "TaskGroup";
        case WaitKind::Shield: return "shield";
        case WaitKind::Future: return "future";
        case WaitKind::IO: return "I/O";
        case WaitKind::Bucket: return "TokenBucket";
        case WaitKind::Condition: return "Condition";
    }
    return "?";
}

// The names are those WaitKind gives the same things (the trace's text formats show both).
std::string_view to_string(ObjectKind kind) {
    switch (kind) {
        case ObjectKind::None: return "none";
        case ObjectKind::Queue: return "Queue";
        case ObjectKind::LifoQueue: return "LifoQueue";
        case ObjectKind::PriorityQueue: return "PriorityQueue";
        case ObjectKind::Semaphore: return "Semaphore";
        case ObjectKind::BoundedSemaphore: return "BoundedSemaphore";
        case ObjectKind::Lock: return "Lock";
        case ObjectKind::AsyncioEvent: return "Event";
        case ObjectKind::Condition: return "Condition";
        case ObjectKind::Bucket: return "TokenBucket";
        case ObjectKind::Future: return "future";
        case ObjectKind::IO: return "I/O";
    }
    return "?";
}

std::string_view to_string(Outcome outcome) {
    switch (outcome) {
        case Outcome::None: return "none";
        case Outcome::Result: return "result";
        case Outcome::Exception: return "exception";
        case Outcome::Cancelled: return "cancelled";
        case Outcome::Deadlock: return "deadlock";
    }
    return "?";
}

}  // namespace aio
