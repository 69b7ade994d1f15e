#include "aio/detail/frame_allocator.hpp"

#include <atomic>
#include <cstdint>
#include <mutex>
#include <new>
#include <vector>

#include <sys/mman.h>

// On only when CMake's DIRIGENT_FRAME_ALLOCATOR says so (off by default: see the header),
// and never under AddressSanitizer.
#ifndef AIO_FRAME_ALLOCATOR
#define AIO_FRAME_ALLOCATOR 0
#endif
#if defined(__SANITIZE_ADDRESS__)
#undef AIO_FRAME_ALLOCATOR
#define AIO_FRAME_ALLOCATOR 0
#endif

namespace aio::detail {

namespace {

constexpr std::size_t kGranule = 16;                   // size classes step by 16 bytes
constexpr std::size_t kLargest = 2048;                 // bigger frames go to the general heap
constexpr std::size_t kClasses = kLargest / kGranule;  // class k holds frames of (k + 1) * 16 bytes
constexpr std::size_t kChunk = std::size_t{2} << 20;   // 2 MiB: one huge page
// The first chunks of a process stay on small pages, so that a run with a few thousand
// tasks grows the resident memory by what it touches; beyond them a chunk may be a huge
// page: one fault instead of 512 for a run with 100,000 tasks and more.
constexpr std::size_t kSmallPageChunks = 4;
std::atomic<std::size_t> chunks_made{0};

struct FreeFrame {
    FreeFrame* next;
};

// One thread's frames. When the thread ends, what it holds (free frames, the rest of its
// chunk) goes to a common pool, and the next thread that starts allocating takes it over:
// memory is never lost with a thread, and frames still alive elsewhere stay where they are.
struct Arena {
    FreeFrame* free[kClasses] = {};
    char* bump = nullptr;
    char* end = nullptr;
    FrameStats stats;
};

std::mutex orphans_mutex;
std::vector<Arena>& orphans() {
    static auto* list = new std::vector<Arena>();  // never destroyed: threads may end after main
    return *list;
}
Arena& shared_arena() {  // for frames made or freed while a thread is already ending (locked)
    static auto* arena = new Arena();
    return *arena;
}

// Plain pointers, so they stay usable while the thread's other thread_locals are destroyed.
thread_local Arena* t_arena = nullptr;
thread_local bool t_ending = false;

struct Reaper {
    ~Reaper() {
        std::lock_guard lock(orphans_mutex);
        if (t_arena) {
            t_arena->stats.live_frames = t_arena->stats.live_bytes = 0;
            orphans().push_back(*t_arena);
            delete t_arena;
            t_arena = nullptr;
        }
        t_ending = true;
    }
};

// The calling thread's arena, or nullptr once the thread is ending.
Arena* local_arena() {
    if (t_arena) [[likely]] return t_arena;
    if (t_ending) return nullptr;
    auto* arena = new Arena();
    {
        std::lock_guard lock(orphans_mutex);
        if (!orphans().empty()) {
            *arena = orphans().back();
            orphans().pop_back();
        }
    }
    t_arena = arena;
    thread_local Reaper reaper;  // hands the arena on when the thread ends
    (void)reaper;
    return arena;
}

char* new_chunk() {
    // Over-allocate to align the chunk to 2 MiB, so that the kernel can map it with one
    // huge page, and return the ends.
    void* raw = mmap(nullptr, 2 * kChunk, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) throw std::bad_alloc();
    const auto start = reinterpret_cast<std::uintptr_t>(raw);
    const std::uintptr_t aligned = (start + kChunk - 1) & ~(kChunk - 1);
    if (aligned > start) munmap(raw, aligned - start);
    const std::uintptr_t tail = aligned + kChunk;
    const std::uintptr_t mapped_end = start + 2 * kChunk;
    if (mapped_end > tail) munmap(reinterpret_cast<void*>(tail), mapped_end - tail);
#ifdef MADV_HUGEPAGE
    if (chunks_made.fetch_add(1, std::memory_order_relaxed) >= kSmallPageChunks)
        madvise(reinterpret_cast<void*>(aligned), kChunk, MADV_HUGEPAGE);  // a hint: fine if refused
#endif
    return reinterpret_cast<char*>(aligned);
}

}  // namespace

bool frame_allocator_enabled() noexcept { return AIO_FRAME_ALLOCATOR != 0; }

namespace {

void* allocate_in(Arena& a, std::size_t size) {
    const std::size_t k = (size - 1) / kGranule;
    a.stats.live_frames += 1;
    a.stats.live_bytes += (k + 1) * kGranule;
    if (FreeFrame* f = a.free[k]) {
        a.free[k] = f->next;
        return f;
    }
    const std::size_t bytes = (k + 1) * kGranule;
    if (static_cast<std::size_t>(a.end - a.bump) < bytes) {
        // The rest of the old chunk becomes free frames of the largest classes that fit.
        while (static_cast<std::size_t>(a.end - a.bump) >= kGranule) {
            std::size_t rest = static_cast<std::size_t>(a.end - a.bump);
            const std::size_t c = (rest < kLargest ? rest : kLargest) / kGranule - 1;
            auto* f = reinterpret_cast<FreeFrame*>(a.bump);
            f->next = a.free[c];
            a.free[c] = f;
            a.bump += (c + 1) * kGranule;
        }
        try {
            a.bump = new_chunk();
        } catch (...) {
            a.stats.live_frames -= 1;
            a.stats.live_bytes -= bytes;
            throw;
        }
        a.end = a.bump + kChunk;
        a.stats.chunk_bytes += kChunk;
    }
    void* p = a.bump;
    a.bump += bytes;
    return p;
}

void free_in(Arena& a, void* frame, std::size_t size) noexcept {
    const std::size_t k = (size - 1) / kGranule;
    auto* f = static_cast<FreeFrame*>(frame);
    f->next = a.free[k];
    a.free[k] = f;
    // A frame made by another thread counts there; keep the numbers of this one sane.
    if (a.stats.live_frames > 0) {
        a.stats.live_frames -= 1;
        a.stats.live_bytes -= a.stats.live_bytes >= (k + 1) * kGranule ? (k + 1) * kGranule : a.stats.live_bytes;
    }
}

}  // namespace

void* allocate_frame(std::size_t size) {
    if (!AIO_FRAME_ALLOCATOR || size > kLargest || size == 0) return ::operator new(size);
    if (Arena* a = local_arena()) [[likely]] return allocate_in(*a, size);
    std::lock_guard lock(orphans_mutex);
    return allocate_in(shared_arena(), size);
}

void free_frame(void* frame, std::size_t size) noexcept {
    if (!AIO_FRAME_ALLOCATOR || size > kLargest || size == 0) {
        ::operator delete(frame, size);
        return;
    }
    if (Arena* a = local_arena()) [[likely]] {
        free_in(*a, frame, size);
        return;
    }
    std::lock_guard lock(orphans_mutex);
    free_in(shared_arena(), frame, size);
}

FrameStats frame_stats() noexcept {
    Arena* a = local_arena();
    return a ? a->stats : FrameStats{};
}

}  // namespace aio::detail
