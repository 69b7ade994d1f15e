// The frame allocator: frames are counted while they live and given back when their task
// ends, a freed frame is the next one of its size (LIFO, still in the cache), and what a
// thread holds passes to the next thread when it ends. Skipped where frames go to the
// general heap (the sanitizer build), which the other tests cover there.
#include "test_support.hpp"

#include <aio/detail/frame_allocator.hpp>

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace {

aio::Task<int> pending(std::shared_ptr<aio::Event> go) {
    co_await go->wait();
    co_return 1;
}

aio::Task<int> quick() { co_return 7; }

}  // namespace

TEST(FrameAllocator, CountsTheFramesOfPendingTasksAndGetsThemBack) {
    if (!aio::detail::frame_allocator_enabled()) GTEST_SKIP() << "frames go to the general heap in this build";
    const auto before = aio::detail::frame_stats();
    std::size_t during = 0;
    std::size_t bytes = 0;
    auto main = [&]() -> aio::Task<> {
        auto go = std::make_shared<aio::Event>();
        std::vector<aio::Task<int>> tasks;
        for (int k = 0; k < 1000; ++k) tasks.push_back(aio::create_task(pending(go)));
        co_await aio::sleep(0);
        during = aio::detail::frame_stats().live_frames;
        bytes = aio::detail::frame_stats().live_bytes;
        go->set();
        co_await aio::gather(std::move(tasks));
    };
    aio::run(main());
    EXPECT_GE(during, before.live_frames + 1000);  // the 1000 tasks, main and its lambda
    EXPECT_LE(during, before.live_frames + 1003);
    EXPECT_GE(bytes, before.live_bytes + 1000 * sizeof(aio::detail::TaskCore));
    const auto after = aio::detail::frame_stats();
    EXPECT_EQ(after.live_frames, before.live_frames);
    EXPECT_EQ(after.live_bytes, before.live_bytes);
    EXPECT_GE(after.chunk_bytes, std::size_t{2} << 20);
}

TEST(FrameAllocator, AFreedFrameIsTheNextOneOfItsSize) {
    if (!aio::detail::frame_allocator_enabled()) GTEST_SKIP() << "frames go to the general heap in this build";
    void* first = nullptr;
    void* second = nullptr;
    auto main = [&]() -> aio::Task<> {
        {
            auto t = aio::create_task(quick());
            first = t.handle().address();
            EXPECT_EQ(co_await t, 7);
        }  // the last reference goes: the frame is freed
        auto t = aio::create_task(quick());
        second = t.handle().address();
        EXPECT_EQ(co_await t, 7);
    };
    aio::run(main());
    EXPECT_EQ(first, second);
}

TEST(FrameAllocator, FramesMayEndOnAnotherThreadAndAThreadsMemoryPassesOn) {
    if (!aio::detail::frame_allocator_enabled()) GTEST_SKIP() << "frames go to the general heap in this build";
    // This thread has its own arena already (else it would take over the ended thread's).
    const std::size_t live_here = aio::detail::frame_stats().live_frames;
    // A task made (and its frame allocated) on a thread, dropped on this one.
    aio::Task<int> made;
    std::size_t chunks_there = 0;
    std::thread([&] {
        made = quick();  // a frame, never started
        chunks_there = aio::detail::frame_stats().chunk_bytes;
    }).join();
    EXPECT_GE(chunks_there, std::size_t{2} << 20);
    made = {};  // dropped here: not reused here (its chunk is the ended thread's), no harm done
    EXPECT_EQ(aio::detail::frame_stats().live_frames, live_here);
    // The next thread takes over what the ended one held: memory without a new chunk.
    std::size_t adopted = 0;
    std::thread([&] { adopted = aio::detail::frame_stats().chunk_bytes; }).join();
    EXPECT_GE(adopted, std::size_t{2} << 20);
}

TEST(FrameAllocator, TrimGivesBackIdleChunksAndKeepsTheOnesInUse) {
    if (!aio::detail::frame_allocator_enabled()) GTEST_SKIP() << "frames go to the general heap in this build";
    // On a thread of its own, so that the chunks of other tests do not count.
    std::size_t held = 0, trimmed = 0, after_trim = 0, kept_live = 0, again = 0;  // bytes, frames
    int value = 0;
    std::thread([&] {
        auto go = std::make_shared<aio::Event>();
        aio::Task<int> survivor;
        auto main = [&]() -> aio::Task<> {
            survivor = aio::create_task(pending(go));  // its frame lives through the trim
            std::vector<aio::Task<int>> crowd;
            for (int k = 0; k < 20000; ++k) crowd.push_back(aio::create_task(pending(go)));  // several chunks
            co_await aio::sleep(0);
            held = aio::detail::frame_stats().chunk_bytes;
            go->set();
            co_await aio::gather(std::move(crowd));
        };
        aio::run(main());
        trimmed = aio::detail::trim_frames();
        after_trim = aio::detail::frame_stats().chunk_bytes;
        kept_live = aio::detail::frame_stats().live_frames;
        value = survivor.result();  // its frame is still readable
        survivor = {};
        again = aio::detail::frame_stats().live_frames;
    }).join();
    EXPECT_GE(held, std::size_t{4} << 20);
    EXPECT_GT(trimmed, 0u);
    EXPECT_EQ(after_trim, held - trimmed);
    EXPECT_GE(after_trim, std::size_t{2} << 20);  // the survivor's chunk stays
    EXPECT_GE(kept_live, 1u);
    EXPECT_EQ(value, 1);
    EXPECT_EQ(again, kept_live - 1);
}
