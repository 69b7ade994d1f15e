// The trace as Chrome trace-event JSON ({"traceEvents":[...]}), for Perfetto
// (ui.perfetto.dev) or chrome://tracing.
//
// Layout, all in process pid 1 ("dirigent"):
// - one track per task: tid = the task id, named by a thread_name metadata event
//   with the task's name ("Task-<id>" when it has none), ordered by id;
// - one track for the loop itself, "event loop", tid = the largest task id + 1
//   (not 0: some Perfetto versions merge tid 0 with tid 1), shown first;
// - each step (StepBegin..StepEnd) as a complete "X" slice named "step";
// - each wait as an "X" slice on the task's track, from the end of the step that
//   suspended to the event that ended the wait (Woken, the next StepBegin, or
//   TaskFinished), named after what it waits on ("Sleep", "QueueGet jobs", ...)
//   with the object, deadline and await location in args; waits that end within
//   the step that began them are left out;
// - instant "i" events for creation, wake-ups, cancellation requests, timers
//   (on the owning task's track), queue / semaphore / lock / event / bucket
//   operations, log lines (named by their text), deadlock entries, and the run's
//   end (global scope);
// - counter "C" tracks: "<queue> size", "<queue> unfinished", "<semaphore> free permits".
// Slices still open at the end of the trace are closed at its last timestamp.
//
// Times ("ts", "dur") are microseconds with nanosecond decimals. ChromeTimeAxis
// chooses them:
// - LoopTime (default): the loop's clock, stretched by 1 ns per event where events
//   share an instant (under the virtual clock a whole iteration happens at one
//   instant), so that every step has a width and slices nest.
// - Sequence: event i of the recorder at i microseconds: every event equally wide,
//   for reading the order of a virtual-time run rather than its timing.
#pragma once

#include <iosfwd>
#include <string_view>

namespace trace {

class Recorder;

enum class ChromeTimeAxis { LoopTime, Sequence };

struct ChromeTraceOptions {
    ChromeTimeAxis axis = ChromeTimeAxis::LoopTime;
    std::string_view process_name = "dirigent";
    bool counters = true;  // emit the "C" counter tracks
};

void write_chrome_trace(const Recorder& recorder, std::ostream& out, const ChromeTraceOptions& options = {});

}  // namespace trace
