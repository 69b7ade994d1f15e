#include "trace/recorder.hpp"

#include <aio/detail/huge_block.hpp>

#include <cstdint>
#include <memory>
#include <mutex>
#include <new>
#include <stdexcept>
#include <string>
#include <utility>


namespace trace {

namespace {
static_assert((Recorder::chunk_size & (Recorder::chunk_size - 1)) == 0, "chunk_size must be a power of two");

// Chunks come from a pool shared by every recorder of the process and go back to it: a
// re-run (a slider move, the next benchmark repetition) records into memory that is already
// resident. New chunks are cut from 2 MiB slabs aligned for a huge page, so that a long
// run's first touch of its trace costs a fault per 2 MiB instead of one per 4 KiB (most of
// a cold run's recording time was the kernel's page faults). The pool never shrinks: it
// holds what the largest traces alive at once needed.
#if defined(__SANITIZE_ADDRESS__)
// Under AddressSanitizer every chunk is its own heap block, so ASan sees each one.
aio::TraceEvent* allocate_chunk() { return std::allocator<aio::TraceEvent>{}.allocate(Recorder::chunk_size); }
void deallocate_chunk(aio::TraceEvent* chunk) noexcept { std::allocator<aio::TraceEvent>{}.deallocate(chunk, Recorder::chunk_size); }
#else
constexpr std::size_t chunk_bytes = Recorder::chunk_size * sizeof(aio::TraceEvent);
constexpr std::size_t slab_bytes = aio::detail::huge_block_bytes;
constexpr std::size_t chunks_per_slab = slab_bytes / chunk_bytes > 0 ? slab_bytes / chunk_bytes : 1;

std::mutex pool_mutex;
std::size_t chunks_made = 0;  // every chunk fits into the pool's vector without growing it (see deallocate_chunk)
std::vector<aio::TraceEvent*>& pool() {
    static auto* free_chunks = new std::vector<aio::TraceEvent*>();  // never destroyed: recorders may outlive main
    return *free_chunks;
}

void new_slab(std::vector<aio::TraceEvent*>& into) {
    into.reserve(chunks_made + chunks_per_slab);
    // The slack after the last chunk is never touched.
    const auto slab = reinterpret_cast<std::uintptr_t>(aio::detail::map_huge_block(true));
    chunks_made += chunks_per_slab;
    for (std::size_t k = chunks_per_slab; k > 0; --k)
        into.push_back(reinterpret_cast<aio::TraceEvent*>(slab + (k - 1) * chunk_bytes));
}

aio::TraceEvent* allocate_chunk() {
    std::lock_guard lock(pool_mutex);
    auto& free_chunks = pool();
    if (free_chunks.empty()) new_slab(free_chunks);
    aio::TraceEvent* chunk = free_chunks.back();
    free_chunks.pop_back();
    return chunk;
}

void deallocate_chunk(aio::TraceEvent* chunk) noexcept {
    std::lock_guard lock(pool_mutex);
    pool().push_back(chunk);  // cannot throw: the vector has room for every chunk made (new_slab)
}
#endif
}  // namespace

Recorder::Recorder(Recorder&& other) noexcept
    : chunks_(std::exchange(other.chunks_, {})), size_(std::exchange(other.size_, 0)),
      heap_texts_(std::exchange(other.heap_texts_, {})) {}

Recorder& Recorder::operator=(Recorder&& other) noexcept {
    if (this != &other) {
        destroy_events();
        release_chunks();
        chunks_ = std::exchange(other.chunks_, {});
        size_ = std::exchange(other.size_, 0);
        heap_texts_ = std::exchange(other.heap_texts_, {});
    }
    return *this;
}

Recorder::~Recorder() {
    destroy_events();
    release_chunks();
}

void Recorder::on_event(const aio::TraceEvent& event) {
    const std::size_t chunk = size_ / chunk_size;
    if (chunk == chunks_.size()) {
        chunks_.reserve(chunks_.size() + 1);  // so that push_back cannot throw after allocating
        chunks_.push_back(allocate_chunk());
    }
    // A copy of a text longer than the inline buffer allocates: note the event first, so
    // that nothing is constructed if noting it fails.
    static const std::size_t inline_capacity = std::string().capacity();
    const bool heap_text = event.text.size() > inline_capacity;
    if (heap_text) heap_texts_.push_back(size_);
    try {
        // Copy-construct into raw storage: one copy of the event, nothing else moves.
        std::construct_at(chunks_[chunk] + size_ % chunk_size, event);
    } catch (...) {
        if (heap_text) heap_texts_.pop_back();
        throw;
    }
    ++size_;
}

const aio::TraceEvent& Recorder::at(std::size_t i) const {
    if (i >= size_) {
        throw std::out_of_range("trace::Recorder::at: index " + std::to_string(i) + " >= size " + std::to_string(size_));
    }
    return (*this)[i];
}

void Recorder::reserve(std::size_t events) {
    const std::size_t wanted = (events + chunk_size - 1) / chunk_size;
    chunks_.reserve(wanted);
    while (chunks_.size() < wanted) chunks_.push_back(allocate_chunk());
}

void Recorder::clear() noexcept {
    destroy_events();
}

void Recorder::destroy_events() noexcept {
    // Only texts on the heap own anything; the other events end without their destructor
    // (nothing depends on it: their storage is simply reused).
    for (const std::size_t i : heap_texts_) std::destroy_at(chunks_[i / chunk_size] + i % chunk_size);
    heap_texts_.clear();
    size_ = 0;
}

void Recorder::release_chunks() noexcept {
    for (aio::TraceEvent* chunk : chunks_) deallocate_chunk(chunk);
    chunks_.clear();
}

}  // namespace trace
