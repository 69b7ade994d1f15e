// The state of a run at one point of its trace: every task and what it does or
// waits on, the ready queue, the pending timers, every queue / semaphore / lock /
// event / token bucket with its items, holders and waiters, the log so far.
//
// A TraceState is folded from events: apply(e) moves it one event forward, in
// O(1) for almost every event (ids are looked up through IdIndex; taking a waiter
// out of the middle of a list is O(list length)). fold(recorder, n) is the state
// after the first n events; StateSeeker answers the same question from periodic
// snapshots.
//
// Texts (names, queue items, results, log lines) are std::string_views into the
// applied events: the events -- in practice a Recorder -- must outlive the state
// and every copy of it. In exchange a TraceState owns no strings and a snapshot is
// a handful of vector copies. Tasks and timers (and the id indexes) live in
// CowVectors: a copy shares them chunk by chunk until one side writes, so copying
// the state of a run with 100,000 tasks costs kilobytes, not megabytes.
#pragma once

#include "aio/trace_event.hpp"
#include "trace/cow_vector.hpp"
#include "trace/fifo.hpp"
#include "trace/id_index.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace trace {

class Recorder;

enum class TaskStatus : std::uint8_t {
    Created,    // created, its first step not scheduled yet
    Ready,      // in the ready queue
    Running,    // its step runs now
    Waiting,    // suspended: see TaskInfo::wait
    Done,       // finished with a result
    Failed,     // finished with an exception
    Cancelled,  // finished by CancelledError
};
std::string_view to_string(TaskStatus status);

// A position in the program's source (file as recorded: std::source_location's
// static string, a full path).
struct SourceLoc {
    const char* file = nullptr;
    std::uint32_t line = 0;

    bool known() const noexcept { return file != nullptr; }
    friend bool operator==(const SourceLoc&, const SourceLoc&) = default;
};

struct TaskInfo {
    std::uint32_t id = 0;
    std::uint32_t parent = 0;  // creating task, 0: none
    std::string_view name;
    SourceLoc created_at;      // the create_task call
    std::int64_t created_ns = 0;
    TaskStatus status = TaskStatus::Created;
    bool scheduled = false;    // its step is in the ready queue

    // What it waits on while Waiting (wait == None otherwise; a task that yielded
    // with sleep(0) keeps WaitKind::Yield while it is Ready again).
    aio::WaitKind wait = aio::WaitKind::None;
    std::uint32_t wait_object = 0;
    std::int64_t wait_value = 0;         // the Suspended event's value (a count, or the Sleep deadline)
    std::int64_t wait_deadline_ns = -1;  // Sleep: loop time it wakes at; -1 otherwise
    std::int64_t wait_since_ns = 0;
    SourceLoc wait_at;                   // the co_await
    std::uint32_t woken_by = 0;          // the task whose action ended its last wait (0: loop or timer)

    std::uint32_t steps = 0;             // steps begun so far
    std::uint32_t cancel_requests = 0;   // CancelRequested events received
    bool deadlocked = false;             // listed in the loop's deadlock report

    aio::Outcome outcome = aio::Outcome::None;
    std::string_view result;             // result text or exception message
    std::int64_t finished_ns = -1;

    bool finished() const noexcept {
        return status == TaskStatus::Done || status == TaskStatus::Failed || status == TaskStatus::Cancelled;
    }
    friend bool operator==(const TaskInfo&, const TaskInfo&) = default;
};

// A synchronization object announced by ObjectCreated (or first seen in a wait).
// One struct for all kinds; the fields a kind does not use stay empty.
struct ObjectInfo {
    std::uint32_t id = 0;
    aio::ObjectKind kind = aio::ObjectKind::None;
    std::string_view name;
    std::int64_t capacity = 0;  // queue maxsize (0: unbounded), semaphore value, bucket capacity

    // Queues. Items in put order; a get removes the item it reports (LifoQueue:
    // from the back). A PriorityQueue's items stay in put order: the events do not
    // say where an item ranks.
    Fifo<std::string_view> items;
    Fifo<std::uint32_t> getters;  // blocked in get(), FIFO
    Fifo<std::uint32_t> putters;  // blocked in put(), FIFO
    Fifo<std::uint32_t> joiners;  // blocked in join()
    std::int64_t unfinished = 0;  // items put and not yet task_done()

    // Semaphores and locks.
    std::int64_t free_permits = 0;
    Fifo<std::uint32_t> holders;  // in acquisition order (a lock: at most one)

    // Semaphores, locks, events, buckets, conditions: tasks blocked in acquire()/wait(), FIFO
    // (a Condition's: waiting for a notify; re-acquiring its lock is a wait on the Lock).
    Fifo<std::uint32_t> waiters;

    // A count the object reports itself (ObjectCount), e.g. a session's connections open;
    // -1: never reported. count_rises adds up every increase: how many were opened in all.
    std::string_view counted;
    std::int64_t count = -1;
    std::int64_t count_rises = 0;

    bool is_set = false;          // Event
    std::string_view level;       // Bucket: token level after the last take
    std::int64_t tokens_taken = 0;

    bool is_queue() const noexcept {
        return kind == aio::ObjectKind::Queue || kind == aio::ObjectKind::LifoQueue || kind == aio::ObjectKind::PriorityQueue;
    }
    bool is_semaphore() const noexcept {
        return kind == aio::ObjectKind::Semaphore || kind == aio::ObjectKind::BoundedSemaphore;
    }
    // The lock's (or a one-permit semaphore's) first holder; 0: none.
    std::uint32_t holder() const noexcept { return holders.empty() ? 0 : holders.front(); }

    friend bool operator==(const ObjectInfo&, const ObjectInfo&) = default;
};

struct TimerInfo {
    std::uint32_t id = 0;
    std::int64_t deadline_ns = 0;
    std::uint32_t owner = 0;   // the task that armed it (0: none)
    std::uint64_t armed_seq = 0;

    friend bool operator==(const TimerInfo&, const TimerInfo&) = default;
};

struct LogLine {
    std::uint64_t seq = 0;
    std::int64_t time_ns = 0;
    std::uint32_t task = 0;  // 0: outside any task
    std::string_view text;

    friend bool operator==(const LogLine&, const LogLine&) = default;
};

// One task of the loop's deadlock report.
struct DeadlockEntry {
    std::uint32_t task = 0;
    aio::WaitKind wait = aio::WaitKind::None;
    std::uint32_t object = 0;
    SourceLoc at;
    std::string_view text;  // the loop's description of the wait

    friend bool operator==(const DeadlockEntry&, const DeadlockEntry&) = default;
};

struct NeverAwaitedEntry {
    std::uint64_t seq = 0;
    SourceLoc at;
    std::string_view text;

    friend bool operator==(const NeverAwaitedEntry&, const NeverAwaitedEntry&) = default;
};

// A step that held the loop too long (debug mode's slow-step warning).
struct SlowStepEntry {
    std::uint64_t seq = 0;
    std::int64_t time_ns = 0;     // when the step ended
    std::uint32_t task = 0;       // 0: a callback, not a task
    std::int64_t duration_ns = 0;
    std::string_view text;        // "Executing <Task ...> took 1.000 seconds"

    friend bool operator==(const SlowStepEntry&, const SlowStepEntry&) = default;
};

// How events move a task (robust to a trace that starts mid-run or leaves an
// event out):
//   TaskCreated -> Created; TaskScheduled or Woken -> Ready and appended to the
//   ready queue (once); StepBegin -> Running, taken off the ready queue, any wait
//   forgotten; Suspended -> Waiting on `wait` (a sleep(0) whose step is already
//   rescheduled: Ready), and listed in the object's getters / putters / joiners /
//   waiters; Woken -> off that list; StepEnd -> Ready if rescheduled, Waiting if
//   it neither suspended nor finished; TaskFinished -> Done / Failed / Cancelled.
class TraceState {
public:
    using Tasks = CowVector<TaskInfo, 8>;  // small chunks: a task woken at random clones little

    // Moves the state one event forward. The event (its text) must outlive the state.
    void apply(const aio::TraceEvent& event);

    // Number of events applied: this is the state after event position() - 1.
    std::size_t position() const noexcept { return position_; }
    std::uint64_t iteration() const noexcept { return iteration_; }
    std::int64_t time_ns() const noexcept { return time_ns_; }
    double time() const noexcept { return static_cast<double>(time_ns_) / 1e9; }

    // Tasks in creation order; lookup by id (nullptr: unknown).
    const Tasks& tasks() const noexcept { return tasks_; }
    const TaskInfo* task(std::uint32_t id) const noexcept;
    // The task whose step runs now (0: none).
    std::uint32_t running() const noexcept { return running_; }
    // Task ids in the ready queue, in the order their steps will run.
    const Fifo<std::uint32_t>& ready() const noexcept { return ready_; }

    // Objects in creation order; lookup by id.
    const std::vector<ObjectInfo>& objects() const noexcept { return objects_; }
    const ObjectInfo* object(std::uint32_t id) const noexcept;

    // Pending timers in firing order: (deadline, arming order).
    std::vector<TimerInfo> pending_timers() const;
    // The first `limit` of them (a view that shows a few of 100,000 timers).
    std::vector<TimerInfo> pending_timers(std::size_t limit) const;
    std::size_t pending_timer_count() const noexcept { return timers_.size(); }
    // Pending timers in no particular order (cheap: no copy).
    const CowVector<TimerInfo, 32>& timers() const noexcept { return timers_; }
    const TimerInfo* timer(std::uint32_t id) const noexcept;

    const std::vector<LogLine>& log() const noexcept { return log_; }
    const std::vector<DeadlockEntry>& deadlock() const noexcept { return deadlock_; }
    const std::vector<NeverAwaitedEntry>& never_awaited() const noexcept { return never_awaited_; }
    const std::vector<SlowStepEntry>& slow_steps() const noexcept { return slow_steps_; }

    // RunEnd seen: the loop stopped; the outcome of the main coroutine.
    bool ended() const noexcept { return ended_; }
    aio::Outcome run_outcome() const noexcept { return run_outcome_; }

    // Bytes a copy of this state allocates anew (its own lists; chunks shared with the
    // original cost nothing until written).
    std::size_t copy_bytes() const noexcept;
    // Bytes of chunks that writes cloned since reset_cloned(): what the copy taken at
    // that moment (a snapshot) keeps to itself.
    std::size_t cloned_bytes() const noexcept;
    void reset_cloned() noexcept;
    // Bytes held, each shared chunk counted once across all states given the same `seen`.
    std::size_t memory_bytes(std::unordered_set<const void*>& seen) const;

    friend bool operator==(const TraceState&, const TraceState&) = default;

private:
    TaskInfo& task_ref(std::uint32_t id);
    ObjectInfo& object_ref(std::uint32_t id, aio::ObjectKind kind);
    void end_wait(TaskInfo& task);
    void unschedule(TaskInfo& task);
    void remove_timer(std::uint32_t id);
    void queue_get(ObjectInfo& queue, std::string_view item);

    std::size_t position_ = 0;
    std::uint64_t iteration_ = 0;
    std::int64_t time_ns_ = 0;
    std::uint32_t running_ = 0;

    Tasks tasks_;
    IdIndex task_index_;
    Fifo<std::uint32_t> ready_;

    std::vector<ObjectInfo> objects_;
    IdIndex object_index_;

    CowVector<TimerInfo, 32> timers_;  // unordered (swap-and-pop); pending_timers() sorts
    IdIndex timer_index_;

    std::vector<LogLine> log_;
    std::vector<DeadlockEntry> deadlock_;
    std::vector<NeverAwaitedEntry> never_awaited_;
    std::vector<SlowStepEntry> slow_steps_;

    bool ended_ = false;
    aio::Outcome run_outcome_ = aio::Outcome::None;
};

// The state after the first `upto` events of the recorder (clamped to its size).
TraceState fold(const Recorder& recorder, std::size_t upto);

}  // namespace trace
