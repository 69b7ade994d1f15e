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
// With bound_memory (the default) the gap between snapshots also grows with what a
// snapshot costs: the bytes a copy of the state allocates (its lists; tasks and
// timers are shared chunk by chunk, see CowVector) plus the chunks the working
// state cloned since the previous snapshot. A snapshot waits until at least
// cost / bytes_per_event events have passed, so snapshot memory stays below about
// bytes_per_event per event of the trace however many tasks there are, and a seek
// copies little and replays few events. Where events touch tasks at random (timers
// firing in deadline order) every event clones a chunk and costs more than that
// budget: there max_gap bounds the replay, and memory goes above the budget. Lessons,
// whose states are small, see exactly `interval`.
//
// The recorder must outlive the seeker; after Recorder::clear() call reset().
#pragma once

#include "trace/recorder.hpp"
#include "trace/trace_state.hpp"

#include <cstddef>
#include <unordered_set>
#include <vector>

namespace trace {

struct SeekerOptions {
    std::size_t interval = 1024;  // events between snapshots (at least 1)
    bool bound_memory = true;     // widen the gap for heavy states (see above)
    std::size_t bytes_per_event = 48;  // bound_memory: snapshot bytes allowed per event
    std::size_t max_gap = 8192;        // bound_memory: but never more events than this apart
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
    // Bytes held by the snapshots and the working state (shared chunks counted once).
    std::size_t memory_bytes() const;

private:
    // Applies events until current_ holds n of them, taking snapshots past the last one.
    void advance_to(std::size_t n);

    const Recorder* recorder_;
    SeekerOptions options_;
    std::vector<TraceState> snapshots_;  // positions strictly increasing; [0] is the empty state
    TraceState current_;
    std::size_t last_replayed_ = 0;
};

}  // namespace trace
