// TaskGroup.__aexit__ waits on one future that only the last child to end completes (asyncio's
// _on_completed_fut): the parent task is woken once, not by every child that ends.
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace {

using aio_test::Recorder;

TEST(TaskGroupWakeup, TheParentWaitingInExitIsWokenOnlyByTheLastChild) {
    Recorder rec;
    std::uint32_t main_id = 0;
    auto child = [](double delay) -> aio::Task<> { co_await aio::sleep(delay); };
    auto main = [&]() -> aio::Task<> {
        main_id = aio::current_task().id();
        co_await aio::task_group([&](aio::TaskGroup& tg) -> aio::Task<> {
            tg.create_task(child(1), "one");
            tg.create_task(child(2), "two");
            tg.create_task(child(3), "three");
            co_return;
        });
        aio::log("group done");
    };
    aio::run(main(), {.sink = &rec});
    // One step to enter the group and wait in __aexit__, one after the last child (t=3).
    EXPECT_EQ(rec.of(aio::TraceEventKind::StepBegin, main_id).size(), 2u);
    EXPECT_EQ(rec.of(aio::TraceEventKind::Woken, main_id).size(), 1u);
    const auto woken = rec.of(aio::TraceEventKind::Woken, main_id);
    ASSERT_EQ(woken.size(), 1u);
    EXPECT_EQ(woken[0].time_ns, 3'000'000'000);
}

}  // namespace
