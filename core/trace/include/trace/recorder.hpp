// A TraceSink that keeps every event of a run, in order.
//
// Events are copied into fixed-size chunks that are allocated once and never
// move: recording appends into the current chunk (no reallocation of a big
// vector, no per-event copy of earlier events), and a reference to a recorded
// event -- or a std::string_view into its text -- stays valid until clear() or
// the recorder's destruction. TraceState relies on this: it refers to names,
// items and messages by string_view into the recorder instead of copying them.
#pragma once

#include "aio/trace_event.hpp"

#include <compare>
#include <cstddef>
#include <iterator>
#include <vector>

namespace trace {

class Recorder final : public aio::TraceSink {
public:
    // Events per chunk (a power of two). One chunk is about 400 KiB.
    static constexpr std::size_t chunk_size = 4096;

    class const_iterator;
    using value_type = aio::TraceEvent;
    using size_type = std::size_t;

    Recorder() = default;
    Recorder(const Recorder&) = delete;
    Recorder& operator=(const Recorder&) = delete;
    // Moving hands the chunks over: references into them stay valid.
    Recorder(Recorder&& other) noexcept;
    Recorder& operator=(Recorder&& other) noexcept;
    ~Recorder() override;

    // aio::TraceSink: appends a copy of the event.
    void on_event(const aio::TraceEvent& event) override;

    std::size_t size() const noexcept { return size_; }
    bool empty() const noexcept { return size_ == 0; }
    // Events the allocated chunks hold without allocating again.
    std::size_t capacity() const noexcept { return chunks_.size() * chunk_size; }

    // Event i (0 <= i < size()); unchecked.
    const aio::TraceEvent& operator[](std::size_t i) const noexcept { return chunks_[i / chunk_size][i % chunk_size]; }
    // Event i; throws std::out_of_range when i >= size().
    const aio::TraceEvent& at(std::size_t i) const;
    const aio::TraceEvent& front() const noexcept { return (*this)[0]; }
    const aio::TraceEvent& back() const noexcept { return (*this)[size_ - 1]; }

    const_iterator begin() const noexcept;
    const_iterator end() const noexcept;

    // Allocates chunks ahead so that recording `events` events allocates no chunk.
    void reserve(std::size_t events);
    // Forgets every event (references into them dangle afterwards) but keeps the
    // chunks, so recording the next run allocates nothing until it is longer.
    void clear() noexcept;

private:
    void destroy_events() noexcept;
    void release_chunks() noexcept;

    std::vector<aio::TraceEvent*> chunks_;  // each: storage for chunk_size events
    std::size_t size_ = 0;
    // The events whose text lives on the heap (longer than the string's inline buffer): only
    // they need their destructor run. Most events have no text or a short one, so forgetting a
    // run of a million events does not walk through all of them again.
    std::vector<std::size_t> heap_texts_;
};

// Random-access iterator over the recorded events (read only).
class Recorder::const_iterator {
public:
    using iterator_concept = std::random_access_iterator_tag;
    using iterator_category = std::random_access_iterator_tag;
    using value_type = aio::TraceEvent;
    using difference_type = std::ptrdiff_t;
    using pointer = const aio::TraceEvent*;
    using reference = const aio::TraceEvent&;

    const_iterator() = default;

    reference operator*() const noexcept { return (*recorder_)[index_]; }
    pointer operator->() const noexcept { return &(*recorder_)[index_]; }
    reference operator[](difference_type n) const noexcept {
        return (*recorder_)[static_cast<std::size_t>(static_cast<difference_type>(index_) + n)];
    }

    const_iterator& operator++() noexcept { ++index_; return *this; }
    const_iterator operator++(int) noexcept { auto old = *this; ++index_; return old; }
    const_iterator& operator--() noexcept { --index_; return *this; }
    const_iterator operator--(int) noexcept { auto old = *this; --index_; return old; }
    const_iterator& operator+=(difference_type n) noexcept {
        index_ = static_cast<std::size_t>(static_cast<difference_type>(index_) + n);
        return *this;
    }
    const_iterator& operator-=(difference_type n) noexcept { return *this += -n; }
    friend const_iterator operator+(const_iterator it, difference_type n) noexcept { return it += n; }
    friend const_iterator operator+(difference_type n, const_iterator it) noexcept { return it += n; }
    friend const_iterator operator-(const_iterator it, difference_type n) noexcept { return it -= n; }
    friend difference_type operator-(const const_iterator& a, const const_iterator& b) noexcept {
        return static_cast<difference_type>(a.index_) - static_cast<difference_type>(b.index_);
    }
    friend bool operator==(const const_iterator& a, const const_iterator& b) noexcept { return a.index_ == b.index_; }
    friend std::strong_ordering operator<=>(const const_iterator& a, const const_iterator& b) noexcept {
        return a.index_ <=> b.index_;
    }

    // Position of the event in the recorder.
    std::size_t index() const noexcept { return index_; }

private:
    friend class Recorder;
    const_iterator(const Recorder* recorder, std::size_t index) noexcept : recorder_(recorder), index_(index) {}

    const Recorder* recorder_ = nullptr;
    std::size_t index_ = 0;
};

inline Recorder::const_iterator Recorder::begin() const noexcept { return {this, 0}; }
inline Recorder::const_iterator Recorder::end() const noexcept { return {this, size_}; }

}  // namespace trace
