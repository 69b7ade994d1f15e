// A vector stored in chunks of N elements that copies share until one side writes:
// copying a CowVector copies N times fewer pointers than elements, and the first
// write into a shared chunk clones that chunk alone. TraceState keeps its per-task
// and per-timer records (and the id indexes) in CowVectors, so that a StateSeeker's
// snapshot of a run with 100,000 tasks costs a few kilobytes instead of megabytes,
// and a seek that starts from a snapshot copies only what the replay touches.
//
// Reads go through operator[] / iterators; writes through mut(i), push_back and
// pop_back (a reference from mut() stays valid until the next write into another
// copy's shared chunk -- never within one TraceState::apply()).
#pragma once

#include <algorithm>
#include <array>
#include <compare>
#include <cstddef>
#include <iterator>
#include <memory>
#include <unordered_set>
#include <vector>

namespace trace {

template <class T, std::size_t N>
class CowVector {
    using Chunk = std::array<T, N>;  // one allocation per chunk; the last one filled to size()

public:
    using value_type = T;
    using size_type = std::size_t;

    class const_iterator {
    public:
        using iterator_category = std::random_access_iterator_tag;
        using value_type = T;
        using difference_type = std::ptrdiff_t;
        using pointer = const T*;
        using reference = const T&;

        const_iterator() = default;
        reference operator*() const noexcept { return (*v_)[i_]; }
        pointer operator->() const noexcept { return &(*v_)[i_]; }
        reference operator[](difference_type n) const noexcept { return (*v_)[static_cast<std::size_t>(static_cast<difference_type>(i_) + n)]; }
        const_iterator& operator++() noexcept { ++i_; return *this; }
        const_iterator operator++(int) noexcept { auto c = *this; ++i_; return c; }
        const_iterator& operator--() noexcept { --i_; return *this; }
        const_iterator operator--(int) noexcept { auto c = *this; --i_; return c; }
        const_iterator& operator+=(difference_type n) noexcept { i_ = static_cast<std::size_t>(static_cast<difference_type>(i_) + n); return *this; }
        const_iterator& operator-=(difference_type n) noexcept { return *this += -n; }
        friend const_iterator operator+(const_iterator it, difference_type n) noexcept { return it += n; }
        friend const_iterator operator+(difference_type n, const_iterator it) noexcept { return it += n; }
        friend const_iterator operator-(const_iterator it, difference_type n) noexcept { return it -= n; }
        friend difference_type operator-(const const_iterator& a, const const_iterator& b) noexcept {
            return static_cast<difference_type>(a.i_) - static_cast<difference_type>(b.i_);
        }
        friend bool operator==(const const_iterator& a, const const_iterator& b) noexcept { return a.i_ == b.i_; }
        friend auto operator<=>(const const_iterator& a, const const_iterator& b) noexcept { return a.i_ <=> b.i_; }

    private:
        friend class CowVector;
        const_iterator(const CowVector* v, std::size_t i) noexcept : v_(v), i_(i) {}
        const CowVector* v_ = nullptr;
        std::size_t i_ = 0;
    };

    CowVector() = default;
    CowVector(const CowVector& other) : chunks_(other.chunks_), size_(other.size_) {}
    CowVector& operator=(const CowVector& other) {
        chunks_ = other.chunks_;
        size_ = other.size_;
        return *this;
    }
    CowVector(CowVector&&) noexcept = default;
    CowVector& operator=(CowVector&&) noexcept = default;

    std::size_t size() const noexcept { return size_; }
    bool empty() const noexcept { return size_ == 0; }
    const T& operator[](std::size_t i) const noexcept { return (*chunks_[i / N])[i % N]; }
    const T& front() const noexcept { return (*this)[0]; }
    const T& back() const noexcept { return (*this)[size_ - 1]; }
    const_iterator begin() const noexcept { return {this, 0}; }
    const_iterator end() const noexcept { return {this, size_}; }

    T& mut(std::size_t i) { return own(i / N)[i % N]; }
    void push_back(const T& value) {
        if (size_ % N == 0) chunks_.push_back(std::make_shared<Chunk>());
        own(chunks_.size() - 1)[size_ % N] = value;
        ++size_;
    }
    T& emplace_back() {
        push_back(T{});
        return mut(size_ - 1);
    }
    void pop_back() {
        --size_;
        if (size_ % N == 0) chunks_.pop_back();
        else own(chunks_.size() - 1)[size_ % N] = T{};
    }
    void clear() noexcept {
        chunks_.clear();
        size_ = 0;
    }

    // Chunks cloned by writes since the last reset (what a snapshot of the previous
    // state keeps to itself).
    std::size_t cloned() const noexcept { return cloned_; }
    void reset_cloned() noexcept { cloned_ = 0; }
    static constexpr std::size_t chunk_bytes = N * sizeof(T);
    // Bytes a copy of this vector costs to make (its chunk pointers).
    std::size_t copy_bytes() const noexcept { return chunks_.capacity() * sizeof(chunks_[0]) + sizeof(*this); }
    // Bytes held, counting each chunk once across every vector passed the same `seen`.
    std::size_t memory_bytes(std::unordered_set<const void*>& seen) const {
        std::size_t bytes = copy_bytes();
        for (const auto& c : chunks_)
            if (seen.insert(c.get()).second) bytes += sizeof(Chunk) + 16;
        return bytes;
    }

    friend bool operator==(const CowVector& a, const CowVector& b) {
        if (a.size_ != b.size_) return false;
        for (std::size_t c = 0; c < a.chunks_.size(); ++c) {
            if (a.chunks_[c] == b.chunks_[c]) continue;
            const std::size_t n = std::min(N, a.size_ - c * N);
            if (!std::equal(a.chunks_[c]->begin(), a.chunks_[c]->begin() + n, b.chunks_[c]->begin())) return false;
        }
        return true;
    }

private:
    Chunk& own(std::size_t c) {
        std::shared_ptr<Chunk>& chunk = chunks_[c];
        if (chunk.use_count() > 1) {
            // Shared with a copy (a snapshot): this side gets its own.
            chunk = std::make_shared<Chunk>(*chunk);
            ++cloned_;
        }
        return *chunk;
    }

    std::vector<std::shared_ptr<Chunk>> chunks_;
    std::size_t size_ = 0;
    std::size_t cloned_ = 0;
};

}  // namespace trace
