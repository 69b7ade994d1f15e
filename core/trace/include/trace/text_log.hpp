// The trace as text: one stable line per event, for diffs, golden tests and the
// comparison with CPython's asyncio.
//
// Line format (fields separated by one space, in this order):
//
//   #<seq> it=<iteration> t=<seconds> <Kind> [task=<id>] [other=<id>] [wait=<WaitKind>]
//       [obj=<id>] [value=<n>] [outcome=<Outcome>] [at=<file>:<line>] ["<text>"]
//
// - <seconds>: loop time, exactly 9 decimals (integer nanoseconds, no rounding).
// - <Kind>, <WaitKind>, <Outcome>: aio::to_string of the enum.
// - Each kind prints the fields trace_event.hpp documents for it, always (so
//   value=0 or task=0 -- the loop -- appear when they are meaningful):
//     TaskCreated      task other(parent) at
//     TaskScheduled    task             StepBegin / StepEnd  task
//     Suspended        task wait obj value at
//     Woken            task other(waker) obj
//     TaskFinished     task outcome "text"
//     CancelRequested  task other(requester)
//     TimerArmed       task obj(timer) value(deadline ns)
//     TimerFired / TimerCancelled  obj(timer)
//     ObjectCreated    wait(object kind) obj value(capacity)
//     QueuePut / QueueGet  task obj value(size after) "item"
//     QueueTaskDone    task obj value(unfinished)   QueueJoin  task obj
//     SemAcquire / SemRelease  task obj value(free permits)
//     LockAcquire / LockRelease / AsyncioEventSet / AsyncioEventClear  task obj
//     BucketTake       task obj value(tokens) "level"
//     Log              task "text"
//     Deadlock         task wait obj at "text"
//     NeverAwaited     at "text"
//     RunEnd           outcome "text"
//   A kind this list does not know prints every field.
// - Ids print as <id>(<name>) once a name is known: a task's from TaskCreated, an
//   object's from ObjectCreated (obj= is named only where it is a sync object or,
//   for waits on a task, a task).
// - at=: the file's base name (no directories, so logs do not depend on where the
//   sources were checked out); left out when the event has no file.
// - "text": left out when empty. Inside quotes and names, '\' '"' and control
//   characters are escaped as \\ \" \n \r \t \xHH; other bytes pass unchanged.
#pragma once

#include "aio/trace_event.hpp"

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <unordered_map>

namespace trace {

class Recorder;

// Formats events one by one, learning task and object names as it goes (for a
// log view that follows a live run). Feed it every event, in order.
class TextLogFormatter {
public:
    // The line for `event`, without a newline.
    std::string format(const aio::TraceEvent& event);
    // Same, appended to `out`.
    void append(std::string& out, const aio::TraceEvent& event);

private:
    std::unordered_map<std::uint32_t, std::string> task_names_;
    std::unordered_map<std::uint32_t, std::string> object_names_;
};

// Writes the whole recorded trace, one line per event, each ended by '\n'.
void write_text_log(const Recorder& recorder, std::ostream& out);

// The base name of a source file path ("/a/b/c.cpp" -> "c.cpp"; "" for nullptr).
std::string_view source_basename(const char* file) noexcept;

}  // namespace trace
