// Maps the ids the scheduler hands out (task, object and timer ids) to positions
// in a vector. Ids come from counters, so they are usually dense: those live in a
// plain vector indexed by id; an id far beyond the others falls back to a hash
// map, so a stray large id cannot blow the vector up. The vector is a CowVector:
// a copy shares its chunks until one side writes.
#pragma once

#include "trace/cow_vector.hpp"

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace trace {

class IdIndex {
public:
    static constexpr std::uint32_t npos = 0xffff'ffffu;

    // Position stored for id, or npos.
    std::uint32_t find(std::uint32_t id) const noexcept {
        if (id < dense_.size()) return dense_[id];
        if (sparse_.empty()) return npos;
        auto it = sparse_.find(id);
        return it == sparse_.end() ? npos : it->second;
    }
    bool contains(std::uint32_t id) const noexcept { return find(id) != npos; }

    // Stores (or overwrites) the position of id.
    void insert(std::uint32_t id, std::uint32_t position);
    void erase(std::uint32_t id) noexcept;
    void clear() noexcept;
    std::size_t size() const noexcept { return size_; }

    friend bool operator==(const IdIndex&, const IdIndex&) = default;

    // Copy cost and memory (see CowVector).
    std::size_t cloned() const noexcept { return dense_.cloned() * Dense::chunk_bytes; }
    void reset_cloned() noexcept { dense_.reset_cloned(); }
    std::size_t copy_bytes() const noexcept { return dense_.copy_bytes() + sparse_.size() * 16; }
    std::size_t memory_bytes(std::unordered_set<const void*>& seen) const {
        return dense_.memory_bytes(seen) + sparse_.size() * 32;
    }

private:
    using Dense = CowVector<std::uint32_t, 256>;
    Dense dense_;  // dense_[id] = position or npos
    std::unordered_map<std::uint32_t, std::uint32_t> sparse_;
    std::size_t size_ = 0;
};

}  // namespace trace
