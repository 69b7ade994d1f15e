// Maps the ids the scheduler hands out (task, object and timer ids) to positions
// in a vector. Ids come from counters, so they are usually dense: those live in a
// plain vector indexed by id; an id far beyond the others falls back to a hash
// map, so a stray large id cannot blow the vector up. Copying is a vector copy.
#pragma once

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

private:
    std::vector<std::uint32_t> dense_;  // dense_[id] = position or npos
    std::unordered_map<std::uint32_t, std::uint32_t> sparse_;
    std::size_t size_ = 0;
};

}  // namespace trace
