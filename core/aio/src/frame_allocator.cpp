#include "aio/detail/frame_allocator.hpp"
#include "aio/detail/huge_block.hpp"

#include <atomic>
#include <cstdint>
#include <mutex>
#include <new>
#include <vector>


// On unless CMake's DIRIGENT_FRAME_ALLOCATOR is switched off, and never under AddressSanitizer.
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
constexpr std::size_t kChunk = huge_block_bytes;       // 2 MiB: one huge page
// The first chunk of a process (again after trim_frames gave every chunk back) stays on
// small pages, so that a run with a few thousand tasks grows the resident memory by what it
// touches (the threads lesson shows that growth per coroutine); every further chunk may be a
// huge page: one fault instead of 512. Measured: switches among 10k tasks in a fresh process
// gain about 15 % with huge pages from the first chunk on, which 1,000 coroutines in the
// threads lesson would pay with 2 MiB of resident memory instead of their 0.3 MiB.
constexpr std::size_t kSmallPageChunks = 1;
std::atomic<std::size_t> chunks_made{0};
std::atomic<std::uint64_t> arenas_made{0};

struct FreeFrame {
    FreeFrame* next;
};

// The start of every chunk (chunks are 2 MiB aligned, so a frame finds its chunk by masking
// its address): whose chunk it is and how many of its frames are out. A chunk without frames
// out can go back to the system (trim_frames).
struct ChunkHeader {
    std::uint64_t owner;  // Arena::token
    std::size_t live;     // frames handed out and not freed by the owner
    ChunkHeader* next;    // the owner's chunks
};
constexpr std::size_t kHeader = (sizeof(ChunkHeader) + kGranule - 1) / kGranule * kGranule;

ChunkHeader* chunk_of(void* frame) {
    return reinterpret_cast<ChunkHeader*>(reinterpret_cast<std::uintptr_t>(frame) & ~(kChunk - 1));
}

// One thread's frames. When the thread ends, what it holds (free frames, the rest of its
// chunk) goes to a common pool, and the next thread that starts allocating takes it over:
// memory is never lost with a thread, and frames still alive elsewhere stay where they are.
struct Arena {
    std::uint64_t token = ++arenas_made;  // the owner mark of its chunks (an arena is copied when adopted)
    FreeFrame* free[kClasses] = {};
    char* bump = nullptr;
    char* end = nullptr;
    ChunkHeader* chunks = nullptr;
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

ChunkHeader* new_chunk(Arena& a) {
    const bool huge = chunks_made.fetch_add(1, std::memory_order_relaxed) >= kSmallPageChunks;
    void* block;
    try {
        block = map_huge_block(huge);
    } catch (...) {
        chunks_made.fetch_sub(1, std::memory_order_relaxed);
        throw;
    }
    auto* chunk = static_cast<ChunkHeader*>(block);
    *chunk = ChunkHeader{a.token, 0, a.chunks};
    a.chunks = chunk;
    return chunk;
}

}  // namespace

bool frame_allocator_enabled() noexcept { return AIO_FRAME_ALLOCATOR != 0; }

namespace {

void* allocate_in(Arena& a, std::size_t size) {
    const std::size_t k = (size - 1) / kGranule;
    const std::size_t bytes = (k + 1) * kGranule;
    void* frame = a.free[k];
    if (frame) {
        a.free[k] = a.free[k]->next;
    } else {
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
            ChunkHeader* chunk = new_chunk(a);  // may throw: nothing counted yet
            a.bump = reinterpret_cast<char*>(chunk) + kHeader;
            a.end = reinterpret_cast<char*>(chunk) + kChunk;
            a.stats.chunk_bytes += kChunk;
        }
        frame = a.bump;
        a.bump += bytes;
    }
    chunk_of(frame)->live += 1;
    a.stats.live_frames += 1;
    a.stats.live_bytes += bytes;
    return frame;
}

void free_in(Arena& a, void* frame, std::size_t size) noexcept {
    ChunkHeader* chunk = chunk_of(frame);
    // A frame made by another thread stays where it is: its chunk keeps counting it as out,
    // so the chunk is never given back under a frame that another list still holds. (Aio's
    // frames end on the thread of their loop; this is for the odd task handle dropped elsewhere.)
    if (chunk->owner != a.token) return;
    const std::size_t k = (size - 1) / kGranule;
    auto* f = static_cast<FreeFrame*>(frame);
    f->next = a.free[k];
    a.free[k] = f;
    chunk->live -= 1;
    a.stats.live_frames -= 1;
    a.stats.live_bytes -= (k + 1) * kGranule;
}

std::size_t trim_in(Arena& a) noexcept {
    auto idle = [](const void* p) { return chunk_of(const_cast<void*>(p))->live == 0; };
    bool any = false;
    for (ChunkHeader* c = a.chunks; c; c = c->next) any = any || c->live == 0;
    if (!any) return 0;
    // Free frames inside idle chunks leave the lists (the headers are still mapped here).
    for (FreeFrame*& head : a.free) {
        FreeFrame** link = &head;
        while (*link) {
            if (idle(*link)) *link = (*link)->next;
            else link = &(*link)->next;
        }
    }
    if (a.bump && idle(a.bump)) a.bump = a.end = nullptr;
    std::size_t released = 0;
    ChunkHeader** link = &a.chunks;
    while (*link) {
        ChunkHeader* c = *link;
        if (c->live == 0) {
            *link = c->next;
            unmap_huge_block(c);
            released += kChunk;
            chunks_made.fetch_sub(1, std::memory_order_relaxed);
        } else {
            link = &c->next;
        }
    }
    a.stats.chunk_bytes -= released;
    return released;
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

std::size_t trim_frames() noexcept {
    if (!AIO_FRAME_ALLOCATOR) return 0;
    Arena* a = local_arena();
    return a ? trim_in(*a) : 0;
}

FrameStats frame_stats() noexcept {
    Arena* a = local_arena();
    return a ? a->stats : FrameStats{};
}

}  // namespace aio::detail
