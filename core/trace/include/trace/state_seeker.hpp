// Random access to the state of a run: seek(n) returns the TraceState after the
// first n events without folding from the start each time.
//
// The seeker keeps snapshots of the state every `interval` events and one
// working state. seek(n) continues from the working state when that is on the
// way (stepping forward), and otherwise starts from the last snapshot at or
// before n: a seek replays at most `interval` events once the events up to n are
// indexed. The constructor indexes everything recorded so far; events recorded
// later (a live run) are indexed by the first seek that reaches them.
//
// With bound_memory (the default) the gap between snapshots also grows with the
// state's weight(), so that a run with 100,000 tasks does not hold 100,000 task
// records per 1024 events: snapshot memory stays proportional to the trace, and
// a seek replays at most max(interval, weight) events. Lessons, whose states are
// far smaller than the interval, see exactly `interval`.
//
// The recorder must outlive the seeker; after Recorder::clear() call reset().
#pragma once

#include "trace/recorder.hpp"
#include "trace/trace_state.hpp"

#include <cstddef>
#include <vector>

namespace trace {

struct SeekerOptions {
    std::size_t interval = 1024;  // events between snapshots (at least 1)
    bool bound_memory = true;     // widen the gap for heavy states (see above)
};

class StateSeeker {
public:
    explicit StateSeeker(const Recorder& recorder, SeekerOptions options = {});

    // The state after the first n events (n clamped to the recorder's size).
    // The reference stays valid until the next seek() or reset().
    const TraceState& seek(std::size_t n);
    // The state of the last seek.
    const TraceState& state() const noexcept { return current_; }

    // Takes snapshots through every event recorded so far.
    void index();
    // Forgets all snapshots (the recorder was cleared or replaced).
    void reset();

    std::size_t snapshot_count() const noexcept { return snapshots_.size(); }
    // Events the last seek() applied (its cost).
    std::size_t last_replayed() const noexcept { return last_replayed_; }
    const SeekerOptions& options() const noexcept { return options_; }

private:
    // Applies events until current_ holds n of them, taking snapshots past the last one.
    void advance_to(std::size_t n);

    const Recorder* recorder_;
    SeekerOptions options_;
    std::vector<TraceState> snapshots_;  // positions strictly increasing; [0] is the empty state
    TraceState current_;
    std::size_t last_replayed_ = 0;
    std::size_t gap_ = 0;  // bound_memory: events the next snapshot waits for (0: not decided yet)
};

}  // namespace trace
