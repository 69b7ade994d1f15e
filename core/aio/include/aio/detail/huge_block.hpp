// A 2 MiB block of fresh memory straight from the kernel, aligned to 2 MiB, so that the
// kernel may back it with one huge page (one fault instead of 512). The frame allocator
// cuts coroutine frames from such blocks, trace::Recorder its event chunks.
#pragma once

#include <cstddef>

namespace aio::detail {

inline constexpr std::size_t huge_block_bytes = std::size_t{2} << 20;

// Maps one block; with `huge_pages` asks for a huge page (a hint the kernel may ignore).
// Throws std::bad_alloc when the kernel refuses the mapping.
void* map_huge_block(bool huge_pages);
// Gives a block from map_huge_block back.
void unmap_huge_block(void* block) noexcept;

}  // namespace aio::detail
