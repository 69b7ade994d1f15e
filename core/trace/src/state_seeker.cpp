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
    gap_ = 0;
}

void StateSeeker::index() {
    const std::size_t end = recorder_->size();
    const TraceState& last = snapshots_.back();
    if (current_.position() < last.position() || current_.position() > end) current_ = last;
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
    if (current_.position() > n || current_.position() < base.position()) current_ = base;
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
        if (options_.bound_memory) {
            // A copy costs about weight() entries: wait until as many events have
            // passed, so that snapshots cost O(1) per event in time and memory.
            if (gap_ == 0) gap_ = std::max(options_.interval, current_.weight());
            if (pos - last < gap_) continue;
        }
        snapshots_.push_back(current_);
        gap_ = 0;
    }
}

}  // namespace trace
