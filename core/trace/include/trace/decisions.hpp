// "You are the event loop": every point of a run where the loop chooses which task's step
// runs next, with the tasks it could have been (those ready, and those asleep on a timer)
// and the one asyncio chose, and for a wrong pick the rule that decides against it:
//   - the ready queue runs first in, first out;
//   - a ready task runs before any timer is looked at (one iteration runs what was ready
//     when it began; due timers join the end of the line);
//   - when nothing is ready, the earliest deadline wakes first (equal deadlines: the sleep
//     that began first).
// Read from a recorded trace only: the player and the CLI quiz a learner on a finished run.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace trace {

class Recorder;

struct Candidate {
    std::uint32_t task = 0;
    std::string_view name;
    bool ready = false;              // in the ready queue when the loop chose
    std::size_t ready_rank = 0;      // its place in the ready queue (0: next)
    std::int64_t deadline_ns = -1;   // asleep: when its timer fires; -1 when ready
    std::uint64_t armed_seq = 0;     // asleep: when its timer was armed (ties: earlier first)
};

struct Decision {
    std::size_t position = 0;        // events applied when the loop chose (the state to show)
    std::size_t step_event = 0;      // index of the StepBegin of the task that ran
    std::int64_t time_ns = 0;        // loop time when it chose
    std::uint64_t iteration = 0;
    std::vector<Candidate> candidates;  // in the order the tasks were created
    std::uint32_t answer = 0;        // the task that ran

    const Candidate* candidate(std::uint32_t task) const noexcept;
};

// The loop's choices in a run, in order. Only real choices: at least two candidates, the
// task that ran among them (a step brought by a callback, an executor or I/O is left out).
std::vector<Decision> scheduling_decisions(const Recorder& recorder);

enum class PickRule : std::uint8_t {
    Right,             // the pick is the answer
    ReadyQueueOrder,   // both ready: the answer was queued earlier
    ReadyBeforeTimers, // the answer is ready, the pick asleep
    EarlierDeadline,   // both asleep: the answer's deadline is earlier
    SameDeadline,      // both asleep until the same instant: the answer's sleep began first
    NotACandidate,     // the pick could not run at all here
};

// Why `picked` is (not) the task that runs next at `decision`.
PickRule judge(const Decision& decision, std::uint32_t picked);

}  // namespace trace
