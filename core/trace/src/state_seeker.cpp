#include "trace/state_seeker.hpp"

#include <algorithm>

namespace trace {

StateSeeker::StateSeeker(const Recorder& recorder, SeekerOptions options)
    : recorder_(&recorder), options_(options) {
    options_.interval = std::max<std::size_t>(options_.interval, 1);
    reset();
    index();
}

void StateSeeker::reset() {
    snapshots_.clear();
    snapshots_.emplace_back();
    current_ = TraceState{};
    last_replayed_ = 0;
}

std::size_t StateSeeker::memory_bytes() const {
    std::unordered_set<const void*> seen;
    std::size_t bytes = snapshots_.capacity() * sizeof(TraceState) + current_.memory_bytes(seen);
    for (const TraceState& s : snapshots_) bytes += s.memory_bytes(seen);
    return bytes;
}

void StateSeeker::index() {
    const std::size_t end = recorder_->size();
    const TraceState& last = snapshots_.back();
    if (current_.position() < last.position() || current_.position() > end) {
        current_ = last;
        current_.reset_cloned();
    }
    advance_to(end);
}

const TraceState& StateSeeker::seek(std::size_t n) {
    n = std::min(n, recorder_->size());
    // The last snapshot at or before n.
    auto after = std::upper_bound(snapshots_.begin(), snapshots_.end(), n,
                                  [](std::size_t pos, const TraceState& s) { return pos < s.position(); });
    const TraceState& base = *(after - 1);
    last_replayed_ = 0;
    // Stepping forward from the working state is cheaper than copying a snapshot.
    if (current_.position() > n || current_.position() < base.position()) {
        current_ = base;
        current_.reset_cloned();
    }
    advance_to(n);
    return current_;
}

void StateSeeker::advance_to(std::size_t n) {
    while (current_.position() < n) {
        current_.apply((*recorder_)[current_.position()]);
        ++last_replayed_;
        const std::size_t pos = current_.position();
        const std::size_t last = snapshots_.back().position();
        if (pos <= last || pos - last < options_.interval) continue;
        // Only the working state past the last snapshot takes new ones; a replay from an
        // older snapshot stays inside indexed ground (pos <= last above).
        if (options_.bound_memory) {
            // The snapshot would cost its own lists plus the chunks the previous one keeps to
            // itself: wait until enough events have passed to pay for that.
            const std::size_t cost = current_.copy_bytes() + current_.cloned_bytes();
            if ((pos - last) * options_.bytes_per_event < cost && pos - last < std::max(options_.max_gap, options_.interval))
                continue;
        }
        snapshots_.push_back(current_);
        current_.reset_cloned();
    }
}

}  // namespace trace
