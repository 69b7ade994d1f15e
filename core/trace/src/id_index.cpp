#include "trace/id_index.hpp"

#include <algorithm>

namespace trace {

namespace {
// An id up to this far beyond the ids already stored still goes into the vector.
constexpr std::size_t dense_slack = 4096;
}  // namespace

void IdIndex::insert(std::uint32_t id, std::uint32_t position) {
    if (id < dense_.size()) {
        if (dense_[id] == npos) ++size_;
        dense_.mut(id) = position;
        return;
    }
    if (id <= 2 * size_ + dense_slack) {
        // Grow geometrically so that ids arriving one by one cost amortized O(1).
        std::size_t grown = std::max<std::size_t>(std::size_t{id} + 1, dense_.size() * 2);
        grown = std::max<std::size_t>(grown, 64);
        while (dense_.size() < grown) dense_.push_back(npos);
        // Ids that lived in the map and now fall into the vector move over.
        for (auto it = sparse_.begin(); it != sparse_.end();) {
            if (it->first < dense_.size()) {
                dense_.mut(it->first) = it->second;
                it = sparse_.erase(it);
            } else {
                ++it;
            }
        }
        if (dense_[id] == npos) ++size_;
        dense_.mut(id) = position;
        return;
    }
    auto [it, inserted] = sparse_.try_emplace(id, position);
    if (inserted) ++size_;
    else it->second = position;
}

void IdIndex::erase(std::uint32_t id) noexcept {
    if (id < dense_.size()) {
        if (dense_[id] == npos) return;
        --size_;
        dense_.mut(id) = npos;
        return;
    }
    size_ -= sparse_.erase(id);
}

void IdIndex::clear() noexcept {
    dense_.clear();
    sparse_.clear();
    size_ = 0;
}

}  // namespace trace
