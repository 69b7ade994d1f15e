// A random but well-formed-looking trace for property tests: every event kind,
// ids from small ranges (so events keep referring to the same tasks and objects),
// time and iteration moving forward.
#pragma once

#include "event_script.hpp"

#include <random>
#include <string>

namespace trace_test {

inline void record_random_trace(trace::Recorder& recorder, std::size_t events, unsigned seed) {
    using K = aio::TraceEventKind;
    using W = aio::WaitKind;
    using O = aio::ObjectKind;
    std::mt19937 rng(seed);
    auto pick = [&](std::uint32_t lo, std::uint32_t hi) { return std::uniform_int_distribution<std::uint32_t>(lo, hi)(rng); };
    EventScript s(recorder);
    std::int64_t now = 0;
    s.tick(now);
    const O object_kinds[] = {O::Queue, O::LifoQueue, O::PriorityQueue, O::Semaphore, O::BoundedSemaphore,
                              O::Lock, O::AsyncioEvent, O::Bucket};
    const W waits[] = {W::Yield, W::Sleep, W::QueueGet, W::QueuePut, W::QueueJoin, W::Semaphore, W::Lock,
                       W::AsyncioEvent, W::Task, W::Gather, W::Bucket};
    for (std::uint32_t obj = 1; obj <= 8; ++obj) s.object(obj, object_kinds[obj - 1], "obj-" + std::to_string(obj), pick(0, 3));
    while (s.size() < events) {
        if (pick(0, 20) == 0) s.tick(now += pick(0, 2) * 1'000'000);
        const std::uint32_t task = pick(1, 40);
        const std::uint32_t obj = pick(1, 9);  // 9: never announced
        switch (pick(0, 23)) {
        case 0: s.created(task, "task-" + std::to_string(task), pick(0, 40), pick(1, 99)); break;
        case 1:
        case 2: s.scheduled(task); break;
        case 3: s.begin(task); break;
        case 4: s.end(task); break;
        case 5:
        case 6: s.suspend(task, waits[pick(0, 10)], obj, now + pick(0, 5) * 1'000'000, pick(1, 99)); break;
        case 7: s.woken(task, pick(0, 40), obj); break;
        case 8: s.finished(task, static_cast<aio::Outcome>(pick(0, 4)), "result " + std::to_string(pick(0, 9))); break;
        case 9: s.cancel(task, pick(0, 40)); break;
        case 10: s.timer_armed(pick(1, 30), task, now + pick(0, 9) * 1'000'000); break;
        case 11: s.timer_fired(pick(1, 30)); break;
        case 12: s.timer_cancelled(pick(1, 30)); break;
        case 13: s.put(obj, task, "item-" + std::to_string(pick(0, 5)), pick(0, 4)); break;
        case 14: s.get(obj, task, "item-" + std::to_string(pick(0, 5)), pick(0, 4)); break;
        case 15: s.task_done(obj, task, pick(0, 4)); break;
        case 16: s.op(pick(0, 1) ? K::SemAcquire : K::SemRelease, obj, task, pick(0, 3)); break;
        case 17: s.op(pick(0, 1) ? K::LockAcquire : K::LockRelease, obj, task); break;
        case 18: s.op(pick(0, 1) ? K::AsyncioEventSet : K::AsyncioEventClear, obj, task); break;
        case 19: s.op(K::BucketTake, obj, task, 1, std::to_string(pick(0, 5)) + ".0"); break;
        case 20: s.log(task * pick(0, 1), "line " + std::to_string(s.size())); break;
        case 21: s.op(K::QueueJoin, obj, task); break;
        case 22: if (pick(0, 30) == 0) s.deadlock(task, waits[pick(0, 10)], obj, pick(1, 99), "stuck"); break;
        default: if (pick(0, 50) == 0) s.never_awaited("coro", pick(1, 99)); break;
        }
    }
}

}  // namespace trace_test
