// Hand-built traces for tests: a fluent writer of aio::Events into a Recorder,
// numbering them (seq) and keeping the loop's iteration and time.
#pragma once

#include "aio/trace_event.hpp"
#include "trace/recorder.hpp"

#include <cstdint>
#include <string>
#include <utility>

namespace trace_test {

// The file every hand-built await points at (a full path: exporters print its base name).
inline constexpr const char* script_file = "/home/learner/dirigent/lessons/demo/scenario.cpp";

// One event, field by field: Ev(K::Woken).task(2).other(1).
class Ev {
public:
    explicit Ev(aio::TraceEventKind kind) { e_.kind = kind; }
    Ev& wait(aio::WaitKind v) { e_.wait = v; return *this; }
    Ev& object_kind(aio::ObjectKind v) { e_.object_kind = v; return *this; }
    Ev& outcome(aio::Outcome v) { e_.outcome = v; return *this; }
    Ev& task(std::uint32_t v) { e_.task = v; return *this; }
    Ev& object(std::uint32_t v) { e_.object = v; return *this; }
    Ev& other(std::uint32_t v) { e_.other = v; return *this; }
    Ev& value(std::int64_t v) { e_.value = v; return *this; }
    Ev& line(std::uint32_t v) { e_.line = v; return *this; }
    Ev& text(std::string v) { e_.text = std::move(v); return *this; }
    operator const aio::TraceEvent&() const { return e_; }

private:
    aio::TraceEvent e_;
};

class EventScript {
public:
    using K = aio::TraceEventKind;
    using W = aio::WaitKind;
    using O = aio::ObjectKind;

    explicit EventScript(trace::Recorder& recorder) : recorder_(recorder) {}

    // Starts the next loop iteration at `time_ns`.
    EventScript& tick(std::int64_t time_ns) {
        ++iteration_;
        time_ns_ = time_ns;
        return *this;
    }
    EventScript& tick() { return tick(time_ns_); }

    EventScript& created(std::uint32_t task, std::string name, std::uint32_t parent = 0, std::uint32_t line = 1) {
        return add(Ev(K::TaskCreated).task(task).other(parent).line(line).text(std::move(name)));
    }
    EventScript& scheduled(std::uint32_t task) { return add(Ev(K::TaskScheduled).task(task)); }
    EventScript& begin(std::uint32_t task) { return add(Ev(K::StepBegin).task(task)); }
    EventScript& end(std::uint32_t task) { return add(Ev(K::StepEnd).task(task)); }
    EventScript& suspend(std::uint32_t task, aio::WaitKind wait, std::uint32_t object = 0, std::int64_t value = 0,
                         std::uint32_t line = 10) {
        return add(Ev(K::Suspended).wait(wait).task(task).object(object).value(value).line(line));
    }
    EventScript& woken(std::uint32_t task, std::uint32_t by = 0, std::uint32_t object = 0) {
        return add(Ev(K::Woken).task(task).object(object).other(by));
    }
    EventScript& finished(std::uint32_t task, aio::Outcome outcome = aio::Outcome::Result, std::string text = {}) {
        return add(Ev(K::TaskFinished).outcome(outcome).task(task).text(std::move(text)));
    }
    EventScript& cancel(std::uint32_t task, std::uint32_t by = 0) {
        return add(Ev(K::CancelRequested).task(task).other(by));
    }
    EventScript& timer_armed(std::uint32_t timer, std::uint32_t owner, std::int64_t deadline_ns) {
        return add(Ev(K::TimerArmed).task(owner).object(timer).value(deadline_ns));
    }
    EventScript& timer_fired(std::uint32_t timer) { return add(Ev(K::TimerFired).object(timer)); }
    EventScript& timer_cancelled(std::uint32_t timer) { return add(Ev(K::TimerCancelled).object(timer)); }
    EventScript& object(std::uint32_t id, aio::ObjectKind kind, std::string name, std::int64_t capacity = 0) {
        return add(Ev(K::ObjectCreated).object_kind(kind).object(id).value(capacity).text(std::move(name)));
    }
    EventScript& put(std::uint32_t queue, std::uint32_t task, std::string item, std::int64_t size_after) {
        return add(Ev(K::QueuePut).task(task).object(queue).value(size_after).text(std::move(item)));
    }
    EventScript& get(std::uint32_t queue, std::uint32_t task, std::string item, std::int64_t size_after) {
        return add(Ev(K::QueueGet).task(task).object(queue).value(size_after).text(std::move(item)));
    }
    EventScript& task_done(std::uint32_t queue, std::uint32_t task, std::int64_t unfinished) {
        return add(Ev(K::QueueTaskDone).task(task).object(queue).value(unfinished));
    }
    EventScript& op(aio::TraceEventKind kind, std::uint32_t object, std::uint32_t task, std::int64_t value = 0,
                    std::string text = {}) {
        return add(Ev(kind).task(task).object(object).value(value).text(std::move(text)));
    }
    EventScript& log(std::uint32_t task, std::string text) { return add(Ev(K::Log).task(task).text(std::move(text))); }
    EventScript& deadlock(std::uint32_t task, aio::WaitKind wait, std::uint32_t object, std::uint32_t line,
                          std::string text = {}) {
        return add(Ev(K::Deadlock).wait(wait).task(task).object(object).line(line).text(std::move(text)));
    }
    EventScript& never_awaited(std::string name, std::uint32_t line) {
        return add(Ev(K::NeverAwaited).line(line).text(std::move(name)));
    }
    EventScript& run_end(aio::Outcome outcome, std::string text = {}) {
        return add(Ev(K::RunEnd).outcome(outcome).text(std::move(text)));
    }

    // Any event; seq, iteration and time are filled in, and file when a line is set.
    EventScript& add(aio::TraceEvent e) {
        e.seq = seq_++;
        e.iteration = iteration_;
        e.time_ns = time_ns_;
        if (e.line != 0 && e.file == nullptr) e.file = script_file;
        recorder_.on_event(e);
        return *this;
    }

    std::size_t size() const { return recorder_.size(); }

private:
    trace::Recorder& recorder_;
    std::uint64_t seq_ = 0;
    std::uint64_t iteration_ = 0;
    std::int64_t time_ns_ = 0;
};

}  // namespace trace_test
