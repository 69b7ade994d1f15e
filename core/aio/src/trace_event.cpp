#include "aio/trace_event.hpp"

namespace aio {

std::string_view to_string(EventKind kind) {
    switch (kind) {
        case EventKind::TaskCreated: return "task_created";
        case EventKind::TaskScheduled: return "scheduled";
        case EventKind::StepBegin: return "step_begin";
        case EventKind::StepEnd: return "step_end";
        case EventKind::Suspended: return "suspended";
        case EventKind::Woken: return "woken";
        case EventKind::TaskFinished: return "finished";
        case EventKind::CancelRequested: return "cancel_requested";
        case EventKind::TimerArmed: return "timer_armed";
        case EventKind::TimerFired: return "timer_fired";
        case EventKind::TimerCancelled: return "timer_cancelled";
        case EventKind::ObjectCreated: return "object_created";
        case EventKind::QueuePut: return "queue_put";
        case EventKind::QueueGet: return "queue_get";
        case EventKind::QueueTaskDone: return "queue_task_done";
        case EventKind::QueueJoin: return "queue_join";
        case EventKind::SemAcquire: return "sem_acquire";
        case EventKind::SemRelease: return "sem_release";
        case EventKind::LockAcquire: return "lock_acquire";
        case EventKind::LockRelease: return "lock_release";
        case EventKind::EventSet: return "event_set";
        case EventKind::EventClear: return "event_clear";
        case EventKind::BucketTake: return "bucket_take";
        case EventKind::ObjectCount: return "object_count";
        case EventKind::Log: return "log";
        case EventKind::Deadlock: return "deadlock";
        case EventKind::NeverAwaited: return "never_awaited";
        case EventKind::SlowStep: return "slow_step";
        case EventKind::ExceptionNeverRetrieved: return "exception_never_retrieved";
        case EventKind::RunEnd: return "run_end";
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
        case WaitKind::Event: return "Event";
        case WaitKind::Task: return "task";
        case WaitKind::Gather: return "gather";
        case WaitKind::Wait: return "wait";
        case WaitKind::TaskGroup: return "TaskGroup";
        case WaitKind::Shield: return "shield";
        case WaitKind::Future: return "future";
        case WaitKind::IO: return "I/O";
        case WaitKind::Bucket: return "TokenBucket";
        case WaitKind::Queue: return "Queue";
        case WaitKind::LifoQueue: return "LifoQueue";
        case WaitKind::PriorityQueue: return "PriorityQueue";
        case WaitKind::BoundedSemaphore: return "BoundedSemaphore";
        case WaitKind::Condition: return "Condition";
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
