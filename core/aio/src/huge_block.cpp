#include "aio/detail/huge_block.hpp"

#include <cstdint>
#include <new>

#include <sys/mman.h>

namespace aio::detail {

void* map_huge_block(bool huge_pages) {
    // Map twice the size and give back the ends around the aligned block: the kernel maps a
    // huge page only over a whole aligned 2 MiB of one mapping.
    constexpr std::size_t size = huge_block_bytes;
    void* raw = mmap(nullptr, 2 * size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) throw std::bad_alloc();
    const auto start = reinterpret_cast<std::uintptr_t>(raw);
    const std::uintptr_t aligned = (start + size - 1) & ~(size - 1);
    if (aligned > start) munmap(raw, aligned - start);
    const std::uintptr_t end = aligned + size;
    const std::uintptr_t mapped_end = start + 2 * size;
    if (mapped_end > end) munmap(reinterpret_cast<void*>(end), mapped_end - end);
#ifdef MADV_HUGEPAGE
    if (huge_pages) madvise(reinterpret_cast<void*>(aligned), size, MADV_HUGEPAGE);  // a hint: fine if refused
#else
    (void)huge_pages;
#endif
    return reinterpret_cast<void*>(aligned);
}

void unmap_huge_block(void* block) noexcept { munmap(block, huge_block_bytes); }

}  // namespace aio::detail
