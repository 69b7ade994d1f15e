// The scheduler's reporting contract: one value-type event (aio::TraceEvent) per state change.
// (aio::Event is asyncio.Event, the synchronisation primitive.)
// core/aio emits these through a TraceSink and never knows who listens;
// core/trace records, folds and exports them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace aio {

enum class TraceEventKind : std::uint8_t {
    TaskCreated,      // task, other = parent task (0: none), text = name, loc = create_task call
    TaskScheduled,    // task put on the ready queue (asyncio's call_soon of its step)
    StepBegin,        // the loop resumes task
    StepEnd,          // task gave the word back to the loop
    Suspended,        // task waits: wait = on what, object, value = deadline (Sleep) or count, loc = co_await
    Woken,            // task's wait ended: other = waking task (0: the loop or a timer), object
    TaskFinished,     // outcome = Result/Exception/Cancelled, text = exception message or result
    CancelRequested,  // task = target, other = requesting task (0: the loop)
    TimerArmed,       // object = timer id, value = deadline ns, task = owner
    TimerFired,       // object = timer id
    TimerCancelled,   // object = timer id
    ObjectCreated,    // object, object_kind, value = capacity, text = name
    QueuePut,         // object, task, text = item, value = size after
    QueueGet,         // object, task, text = item, value = size after
    QueueTaskDone,    // object, task, value = unfinished count after
    QueueJoin,        // object, task: join returned
    SemAcquire,       // object, task, value = free permits after
    SemRelease,       // object, task, value = free permits after
    LockAcquire,      // object, task
    LockRelease,      // object, task
    AsyncioEventSet,         // object, task
    AsyncioEventClear,       // object, task
    BucketTake,       // object, task, value = tokens taken, text = level after
    ObjectCount,      // object, task, value = a count the object keeps (e.g. connections open), text = what it counts
    Log,              // task, text = the program's line
    Deadlock,         // one per waiting task: task, wait, object, loc of its await
    NeverAwaited,     // a coroutine was created and dropped without being awaited; loc = its creation
    SlowStep,         // debug mode: a step took >= slow_callback_duration; task (0: a callback), value = ns, text = the warning, loc = the task's await
    ExceptionNeverRetrieved,  // a failed task's last handle went and nobody read its exception; task, text = the warning
    RunEnd,           // the loop stopped; outcome of the main coroutine
};

// What a suspended task waits on.
enum class WaitKind : std::uint8_t {
    None,
    Yield,      // sleep(0): back in the ready queue next iteration
    Sleep,
    QueueGet,
    QueuePut,
    QueueJoin,
    Semaphore,
    Lock,
    AsyncioEvent,  // aio::Event.wait()
    Task,       // awaiting another task
    Gather,
    Wait,       // aio::wait
    TaskGroup,  // the end of a task group
    Shield,
    Future,     // a plain future (e.g. QFuture from a thread)
    IO,         // network reply or other I/O
    Bucket,     // token bucket
    // Condition.wait() waiting for a notify (re-acquiring the lock afterwards is a wait on the Lock).
    Condition,
};

// What an object in the trace is (ObjectCreated): the thing a task may wait on.
enum class ObjectKind : std::uint8_t {
    None,
    Queue,
    LifoQueue,
    PriorityQueue,
    Semaphore,
    BoundedSemaphore,
    Lock,
    AsyncioEvent,  // aio::Event
    Condition,
    Bucket,        // aio::TokenBucket
    Future,        // a future completed from outside (a QFuture)
    IO,            // a network reply or other I/O
};

enum class Outcome : std::uint8_t { None, Result, Exception, Cancelled, Deadlock };

struct TraceEvent {
    std::uint64_t seq = 0;        // 0, 1, 2 ... per run
    std::uint64_t iteration = 0;  // loop iteration (asyncio's _run_once) the event happened in
    std::int64_t time_ns = 0;     // loop time
    TraceEventKind kind = TraceEventKind::Log;
    WaitKind wait = WaitKind::None;
    Outcome outcome = Outcome::None;
    ObjectKind object_kind = ObjectKind::None;  // ObjectCreated
    std::uint32_t task = 0;       // 0: no task (the loop itself)
    std::uint32_t object = 0;
    std::uint32_t other = 0;
    std::int64_t value = 0;
    const char* file = nullptr;   // from std::source_location: static storage
    std::uint32_t line = 0;
    std::string text;
};

class TraceSink {
public:
    virtual ~TraceSink() = default;
    virtual void on_event(const TraceEvent& event) = 0;
};

std::string_view to_string(TraceEventKind kind);
std::string_view to_string(WaitKind kind);
std::string_view to_string(ObjectKind kind);
std::string_view to_string(Outcome outcome);

}  // namespace aio
