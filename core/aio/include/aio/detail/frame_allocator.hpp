// Where aio::Task frames live. A coroutine frame is allocated when the coroutine is
// called and freed when it ends: with the general heap that is a malloc and a free per
// task, and in a fresh process a page fault for every 4 KiB of new frames. The frame
// allocator keeps freed frames on per-size free lists of the thread (no lock, reused
// LIFO, so the next frame is one still in the cache) and takes new memory in 2 MiB
// chunks; past the first 8 MiB the kernel may back a chunk with a huge page (madvise):
// one fault per chunk instead of 512. Chunks are kept for the life of the process: a
// second run reuses them.
//
// Off by default (CMake option DIRIGENT_FRAME_ALLOCATOR): then every call goes to the
// general heap. Measured on this machine (2 cores, THP on madvise), fresh processes: spawn +
// complete of 1M tasks 239 -> 158 ms, 1M switches among 100k tasks 74 -> 58 ms, 100k among
// 10k unchanged. It stays off because chunks are never given back: a second measurement in
// the same process (the threads lesson's live table, run twice in the window) would show
// almost no new resident memory for its coroutines. Giving chunks back safely needs a live
// count per chunk and frees that go back to the chunk's own thread.
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

// False in builds where frames go to the general heap (sanitizers).
bool frame_allocator_enabled() noexcept;

}  // namespace aio::detail
