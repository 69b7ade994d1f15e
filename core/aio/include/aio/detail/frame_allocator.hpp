// Where aio::Task frames live. A coroutine frame is allocated when the coroutine is
// called and freed when it ends: with the general heap that is a malloc and a free per
// task, and in a fresh process a page fault for every 4 KiB of new frames. The frame
// allocator keeps freed frames on per-size free lists of the thread (no lock, reused
// LIFO, so the next frame is one still in the cache) and takes new memory in 2 MiB
// chunks; past the first chunk the kernel may back a chunk with a huge page (madvise):
// one fault per chunk instead of 512. Chunks are kept for the life of the process: a
// second run reuses them.
//
// Each chunk counts its frames out; a chunk with none out can be given back to the
// system on request (trim_frames: the threads lesson does so before it measures how much
// memory its coroutines take). A frame freed on another thread than the one that made it
// is not reused (its chunk stays), so no chunk is ever given back under a frame that
// another thread's list holds. Measured on this machine: see the README's Performance section.
//
// On by default; the CMake option DIRIGENT_FRAME_ALLOCATOR=OFF sends every frame to the
// general heap.
// Under AddressSanitizer the frames always go to the general heap, so ASan sees each one.
#pragma once

#include <cstddef>

namespace aio::detail {

void* allocate_frame(std::size_t size);
void free_frame(void* frame, std::size_t size) noexcept;

// What the calling thread's frame allocator holds (for the benchmarks and tests).
struct FrameStats {
    std::size_t live_frames = 0;  // allocated and not freed yet, by this thread's allocator
    std::size_t live_bytes = 0;   // their size, rounded up to the size class
    std::size_t chunk_bytes = 0;  // memory taken from the system for frames, by this thread
};
FrameStats frame_stats() noexcept;

// Gives the calling thread's chunks without a frame out back to the system (their free
// frames leave the lists); returns the bytes given back. Nothing happens where frames go to
// the general heap.
std::size_t trim_frames() noexcept;

// False in builds where frames go to the general heap (sanitizers).
bool frame_allocator_enabled() noexcept;

}  // namespace aio::detail
