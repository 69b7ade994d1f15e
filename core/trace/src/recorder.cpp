#include "trace/recorder.hpp"

#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

namespace trace {

namespace {
static_assert((Recorder::chunk_size & (Recorder::chunk_size - 1)) == 0, "chunk_size must be a power of two");

aio::TraceEvent* allocate_chunk() { return std::allocator<aio::TraceEvent>{}.allocate(Recorder::chunk_size); }
void deallocate_chunk(aio::TraceEvent* chunk) noexcept { std::allocator<aio::TraceEvent>{}.deallocate(chunk, Recorder::chunk_size); }
}  // namespace

Recorder::Recorder(Recorder&& other) noexcept
    : chunks_(std::exchange(other.chunks_, {})), size_(std::exchange(other.size_, 0)) {}

Recorder& Recorder::operator=(Recorder&& other) noexcept {
    if (this != &other) {
        destroy_events();
        release_chunks();
        chunks_ = std::exchange(other.chunks_, {});
        size_ = std::exchange(other.size_, 0);
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
    // Copy-construct into raw storage: one copy of the event, nothing else moves.
    std::construct_at(chunks_[chunk] + size_ % chunk_size, event);
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
    for (std::size_t i = size_; i > 0; --i) {
        std::destroy_at(chunks_[(i - 1) / chunk_size] + (i - 1) % chunk_size);
    }
    size_ = 0;
}

void Recorder::release_chunks() noexcept {
    for (aio::TraceEvent* chunk : chunks_) deallocate_chunk(chunk);
    chunks_.clear();
}

}  // namespace trace
