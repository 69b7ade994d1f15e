#include "trace/trace_state.hpp"

#include "trace/recorder.hpp"

#include <algorithm>
#include <limits>
#include <tuple>

namespace trace {

namespace {

using aio::TraceEventKind;
using aio::ObjectKind;
using aio::WaitKind;

// The kind of object a wait refers to (None: the wait's object is no sync object).
ObjectKind object_kind_of_wait(WaitKind wait) noexcept {
    switch (wait) {
    case WaitKind::QueueGet:
    case WaitKind::QueuePut:
    case WaitKind::QueueJoin: return ObjectKind::Queue;
    case WaitKind::Semaphore: return ObjectKind::Semaphore;
    case WaitKind::Lock: return ObjectKind::Lock;
    case WaitKind::AsyncioEvent: return ObjectKind::AsyncioEvent;
    case WaitKind::Bucket: return ObjectKind::Bucket;
    case WaitKind::Condition: return ObjectKind::Condition;
    default: return ObjectKind::None;
    }
}

// The list of `object` that a task waiting with `wait` stands in.
Fifo<std::uint32_t>* wait_list(ObjectInfo& object, WaitKind wait) noexcept {
    switch (wait) {
    case WaitKind::QueueGet: return &object.getters;
    case WaitKind::QueuePut: return &object.putters;
    case WaitKind::QueueJoin: return &object.joiners;
    case WaitKind::Semaphore:
    case WaitKind::Lock:
    case WaitKind::AsyncioEvent:
    case WaitKind::Bucket:
    case WaitKind::Condition: return &object.waiters;
    default: return nullptr;
    }
}

// Running totals stop at the int64 range: a trace read from a file may carry any value.
std::int64_t saturating_add(std::int64_t a, std::int64_t b) noexcept {
    constexpr std::int64_t max = std::numeric_limits<std::int64_t>::max();
    constexpr std::int64_t min = std::numeric_limits<std::int64_t>::min();
    if (b > 0 && a > max - b) return max;
    if (b < 0 && a < min - b) return min;
    return a + b;
}

TaskStatus status_of(aio::Outcome outcome) noexcept {
    switch (outcome) {
    case aio::Outcome::Exception: return TaskStatus::Failed;
    case aio::Outcome::Cancelled:
    case aio::Outcome::Deadlock: return TaskStatus::Cancelled;
    case aio::Outcome::None:
    case aio::Outcome::Result: break;
    }
    return TaskStatus::Done;
}

}  // namespace

std::string_view to_string(TaskStatus status) {
    switch (status) {
    case TaskStatus::Created: return "created";
    case TaskStatus::Ready: return "ready";
    case TaskStatus::Running: return "running";
    case TaskStatus::Waiting: return "waiting";
    case TaskStatus::Done: return "done";
    case TaskStatus::Failed: return "failed";
    case TaskStatus::Cancelled: return "cancelled";
    }
    return "unknown";
}

const TaskInfo* TraceState::task(std::uint32_t id) const noexcept {
    const std::uint32_t at = task_index_.find(id);
    return at == IdIndex::npos ? nullptr : &tasks_[at];
}

const ObjectInfo* TraceState::object(std::uint32_t id) const noexcept {
    const std::uint32_t at = object_index_.find(id);
    return at == IdIndex::npos ? nullptr : &objects_[at];
}

const TimerInfo* TraceState::timer(std::uint32_t id) const noexcept {
    const std::uint32_t at = timer_index_.find(id);
    return at == IdIndex::npos ? nullptr : &timers_[at];
}

namespace {
bool fires_before(const TimerInfo& a, const TimerInfo& b) {
    return std::tie(a.deadline_ns, a.armed_seq, a.id) < std::tie(b.deadline_ns, b.armed_seq, b.id);
}

template <class List>
std::size_t list_bytes(const List& list) {
    return list.size() * sizeof(typename List::value_type);
}
}  // namespace

std::vector<TimerInfo> TraceState::pending_timers() const {
    std::vector<TimerInfo> sorted(timers_.begin(), timers_.end());
    std::sort(sorted.begin(), sorted.end(), fires_before);
    return sorted;
}

std::vector<TimerInfo> TraceState::pending_timers(std::size_t limit) const {
    std::vector<TimerInfo> first(std::min(limit, timers_.size()));
    std::partial_sort_copy(timers_.begin(), timers_.end(), first.begin(), first.end(), fires_before);
    return first;
}

std::size_t TraceState::copy_bytes() const noexcept {
    std::size_t bytes = sizeof(*this) + tasks_.copy_bytes() + task_index_.copy_bytes() + list_bytes(ready_) +
                        timers_.copy_bytes() + timer_index_.copy_bytes() + list_bytes(objects_) +
                        object_index_.copy_bytes() + list_bytes(log_) + list_bytes(deadlock_) +
                        list_bytes(never_awaited_) + list_bytes(slow_steps_);
    for (const ObjectInfo& o : objects_) {
        bytes += list_bytes(o.items) + list_bytes(o.getters) + list_bytes(o.putters) + list_bytes(o.joiners) +
                 list_bytes(o.holders) + list_bytes(o.waiters);
    }
    return bytes;
}

std::size_t TraceState::cloned_bytes() const noexcept {
    return tasks_.cloned() * Tasks::chunk_bytes + timers_.cloned() * decltype(timers_)::chunk_bytes +
           task_index_.cloned() + timer_index_.cloned() + object_index_.cloned();
}

void TraceState::reset_cloned() noexcept {
    tasks_.reset_cloned();
    timers_.reset_cloned();
    task_index_.reset_cloned();
    timer_index_.reset_cloned();
    object_index_.reset_cloned();
}

std::size_t TraceState::memory_bytes(std::unordered_set<const void*>& seen) const {
    return copy_bytes() - tasks_.copy_bytes() - timers_.copy_bytes() - task_index_.copy_bytes() -
           timer_index_.copy_bytes() - object_index_.copy_bytes() + tasks_.memory_bytes(seen) +
           timers_.memory_bytes(seen) + task_index_.memory_bytes(seen) + timer_index_.memory_bytes(seen) +
           object_index_.memory_bytes(seen);
}

TaskInfo& TraceState::task_ref(std::uint32_t id) {
    const std::uint32_t at = task_index_.find(id);
    if (at != IdIndex::npos) return tasks_.mut(at);
    // A task first seen without TaskCreated (a trace recorded from the middle).
    task_index_.insert(id, static_cast<std::uint32_t>(tasks_.size()));
    TaskInfo& task = tasks_.emplace_back();
    task.id = id;
    task.created_ns = time_ns_;
    return task;
}

ObjectInfo& TraceState::object_ref(std::uint32_t id, ObjectKind kind) {
    const std::uint32_t at = object_index_.find(id);
    if (at != IdIndex::npos) {
        ObjectInfo& object = objects_[at];
        if (object.kind == ObjectKind::None) object.kind = kind;
        return object;
    }
    // An object first seen in a wait or an operation (not announced by ObjectCreated).
    object_index_.insert(id, static_cast<std::uint32_t>(objects_.size()));
    ObjectInfo& object = objects_.emplace_back();
    object.id = id;
    object.kind = kind;
    if (kind == ObjectKind::Lock) {
        object.capacity = 1;
        object.free_permits = 1;
    }
    return object;
}

void TraceState::end_wait(TaskInfo& task) {
    if (task.wait == WaitKind::None) return;
    if (object_kind_of_wait(task.wait) != ObjectKind::None) {
        const std::uint32_t at = object_index_.find(task.wait_object);
        if (at != IdIndex::npos) {
            if (Fifo<std::uint32_t>* list = wait_list(objects_[at], task.wait)) list->erase_first(task.id);
        }
    }
    task.wait = WaitKind::None;
    task.wait_object = 0;
    task.wait_value = 0;
    task.wait_deadline_ns = -1;
    task.wait_since_ns = 0;
    task.wait_at = {};
}

void TraceState::unschedule(TaskInfo& task) {
    if (!task.scheduled) return;
    task.scheduled = false;
    // Steps run in ready-queue order, so this is the front but for a task taken
    // out early (finished or cancelled while queued).
    if (!ready_.empty() && ready_.front() == task.id) ready_.pop_front();
    else ready_.erase_first(task.id);
}

void TraceState::remove_timer(std::uint32_t id) {
    const std::uint32_t at = timer_index_.find(id);
    if (at == IdIndex::npos) return;
    const std::uint32_t last = static_cast<std::uint32_t>(timers_.size() - 1);
    if (at != last) {
        const TimerInfo moved = timers_[last];
        timers_.mut(at) = moved;
        timer_index_.insert(moved.id, at);
    }
    timers_.pop_back();
    timer_index_.erase(id);
}

void TraceState::queue_get(ObjectInfo& queue, std::string_view item) {
    if (queue.items.empty()) return;
    switch (queue.kind) {
    case ObjectKind::LifoQueue:
        if (queue.items.back() == item || !queue.items.erase_last(item)) queue.items.pop_back();
        break;
    case ObjectKind::PriorityQueue:
        // The smallest item leaves; its text tells which of the stored ones it is.
        if (!queue.items.erase_first(item)) queue.items.pop_front();
        break;
    default:
        if (queue.items.front() == item || !queue.items.erase_first(item)) queue.items.pop_front();
        break;
    }
}

void TraceState::apply(const aio::TraceEvent& e) {
    ++position_;
    iteration_ = e.iteration;
    time_ns_ = e.time_ns;

    switch (e.kind) {
    case TraceEventKind::TaskCreated: {
        TaskInfo& t = task_ref(e.task);
        t.parent = e.other;
        t.name = e.text;
        t.created_at = {e.file, e.line};
        t.created_ns = e.time_ns;
        break;
    }
    case TraceEventKind::TaskScheduled: {
        TaskInfo& t = task_ref(e.task);
        if (t.finished()) break;
        if (!t.scheduled) {
            t.scheduled = true;
            ready_.push_back(t.id);
        }
        if (t.status == TaskStatus::Running) break;  // rescheduled from its own step: Ready at StepEnd
        // Being scheduled ends a wait; a sleep(0) stays visible as Yield until the step runs.
        if (t.wait != WaitKind::Yield) end_wait(t);
        t.status = TaskStatus::Ready;
        break;
    }
    case TraceEventKind::StepBegin: {
        TaskInfo& t = task_ref(e.task);
        unschedule(t);
        end_wait(t);
        t.status = TaskStatus::Running;
        ++t.steps;
        running_ = t.id;
        break;
    }
    case TraceEventKind::StepEnd: {
        TaskInfo& t = task_ref(e.task);
        if (t.status == TaskStatus::Running) t.status = t.scheduled ? TaskStatus::Ready : TaskStatus::Waiting;
        if (running_ == t.id) running_ = 0;
        break;
    }
    case TraceEventKind::Suspended: {
        TaskInfo& t = task_ref(e.task);
        end_wait(t);
        t.wait = e.wait;
        t.wait_object = e.object;
        t.wait_value = e.value;
        t.wait_deadline_ns = e.wait == WaitKind::Sleep ? e.value : -1;
        t.wait_since_ns = e.time_ns;
        t.wait_at = {e.file, e.line};
        const std::uint32_t id = t.id;
        const bool ready = e.wait == WaitKind::Yield && t.scheduled;
        if (!t.finished()) t.status = ready ? TaskStatus::Ready : TaskStatus::Waiting;
        if (const ObjectKind kind = object_kind_of_wait(e.wait); kind != ObjectKind::None) {
            ObjectInfo& o = object_ref(e.object, kind);  // may add an object; `t` stays valid (other vector)
            if (Fifo<std::uint32_t>* list = wait_list(o, e.wait)) list->push_back(id);
        }
        break;
    }
    case TraceEventKind::Woken: {
        // asyncio wakes a task by call_soon of its step: it joins the ready queue
        // now (a TaskScheduled that may follow finds it there already).
        TaskInfo& t = task_ref(e.task);
        end_wait(t);
        t.woken_by = e.other;
        if (t.finished()) break;
        if (!t.scheduled) {
            t.scheduled = true;
            ready_.push_back(t.id);
        }
        if (t.status != TaskStatus::Running) t.status = TaskStatus::Ready;
        break;
    }
    case TraceEventKind::TaskFinished: {
        TaskInfo& t = task_ref(e.task);
        end_wait(t);
        unschedule(t);
        t.outcome = e.outcome;
        t.result = e.text;
        t.finished_ns = e.time_ns;
        t.status = status_of(e.outcome);
        break;
    }
    case TraceEventKind::CancelRequested:
        ++task_ref(e.task).cancel_requests;
        break;
    case TraceEventKind::TimerArmed: {
        remove_timer(e.object);  // re-armed (a rescheduled timeout)
        timer_index_.insert(e.object, static_cast<std::uint32_t>(timers_.size()));
        timers_.push_back({e.object, e.value, e.task, e.seq});
        break;
    }
    case TraceEventKind::TimerFired:
    case TraceEventKind::TimerCancelled:
        remove_timer(e.object);
        break;
    case TraceEventKind::ObjectCreated: {
        ObjectInfo& o = object_ref(e.object, e.object_kind);
        o.kind = e.object_kind;
        o.name = e.text;
        o.capacity = e.value;
        if (o.is_semaphore()) o.free_permits = e.value;
        if (o.kind == ObjectKind::Lock) {
            o.capacity = 1;
            o.free_permits = o.holders.empty() ? 1 : 0;
        }
        break;
    }
    case TraceEventKind::QueuePut: {
        ObjectInfo& o = object_ref(e.object, ObjectKind::Queue);
        o.items.push_back(e.text);
        o.unfinished = saturating_add(o.unfinished, 1);  // task_done may have set any value
        break;
    }
    case TraceEventKind::QueueGet:
        queue_get(object_ref(e.object, ObjectKind::Queue), e.text);
        break;
    case TraceEventKind::QueueTaskDone:
        object_ref(e.object, ObjectKind::Queue).unfinished = e.value;
        break;
    case TraceEventKind::QueueJoin:
        break;
    case TraceEventKind::SemAcquire: {
        ObjectInfo& o = object_ref(e.object, ObjectKind::Semaphore);
        o.holders.push_back(e.task);
        o.free_permits = e.value;
        break;
    }
    case TraceEventKind::SemRelease: {
        ObjectInfo& o = object_ref(e.object, ObjectKind::Semaphore);
        // Any task may release a semaphore: the releaser's permit if it holds one,
        // the longest-held otherwise.
        if (!o.holders.erase_first(e.task) && !o.holders.empty()) o.holders.pop_front();
        o.free_permits = e.value;
        break;
    }
    case TraceEventKind::LockAcquire: {
        ObjectInfo& o = object_ref(e.object, ObjectKind::Lock);
        o.holders.clear();
        o.holders.push_back(e.task);
        o.free_permits = 0;
        break;
    }
    case TraceEventKind::LockRelease: {
        ObjectInfo& o = object_ref(e.object, ObjectKind::Lock);
        o.holders.clear();
        o.free_permits = 1;
        break;
    }
    case TraceEventKind::AsyncioEventSet:
        object_ref(e.object, ObjectKind::AsyncioEvent).is_set = true;
        break;
    case TraceEventKind::AsyncioEventClear:
        object_ref(e.object, ObjectKind::AsyncioEvent).is_set = false;
        break;
    case TraceEventKind::BucketTake: {
        ObjectInfo& o = object_ref(e.object, ObjectKind::Bucket);
        o.level = e.text;
        o.tokens_taken = saturating_add(o.tokens_taken, e.value);
        break;
    }
    case TraceEventKind::ObjectCount: {
        ObjectInfo& o = object_ref(e.object, ObjectKind::None);
        if (o.count >= 0 && e.value > o.count) o.count_rises = saturating_add(o.count_rises, e.value - o.count);
        if (o.count < 0) o.count_rises = e.value;
        o.count = e.value;
        o.counted = e.text;
        break;
    }
    case TraceEventKind::Log:
        log_.push_back({e.seq, e.time_ns, e.task, e.text});
        break;
    case TraceEventKind::Deadlock:
        task_ref(e.task).deadlocked = true;
        deadlock_.push_back({e.task, e.wait, e.object, {e.file, e.line}, e.text});
        break;
    case TraceEventKind::NeverAwaited:
        never_awaited_.push_back({e.seq, {e.file, e.line}, e.text});
        break;
    case TraceEventKind::SlowStep:
        slow_steps_.push_back({e.seq, e.time_ns, e.task, e.value, e.text});
        break;
    case TraceEventKind::ExceptionNeverRetrieved:
        // A line of the run's output (the log sink gets it there too), at the moment the
        // last handle on the task went.
        log_.push_back({e.seq, e.time_ns, e.task, e.text});
        break;
    case TraceEventKind::RunEnd:
        ended_ = true;
        run_outcome_ = e.outcome;
        running_ = 0;
        break;
    }
}

TraceState fold(const Recorder& recorder, std::size_t upto) {
    TraceState state;
    upto = std::min(upto, recorder.size());
    for (std::size_t i = 0; i < upto; ++i) state.apply(recorder[i]);
    return state;
}

}  // namespace trace
