// The deadlock report: when nothing is ready, no timer is pending and tasks still wait,
// run() throws aio::DeadlockError naming who waits on what, and where. Never a hang.
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <cstdio>

namespace {

using aio_test::Journal;
using aio_test::Recorder;

const char* const kFile = "deadlock_test.cpp";

TEST(Deadlock, AJoinNoOneSatisfiesIsReportedWithTaskWaitAndLine) {
    unsigned join_line = 0;
    auto main = [&]() -> aio::Task<> {
        aio::Queue<int> q(0, "jobs");
        q.put_nowait(1);
        join_line = __LINE__ + 1;
        co_await q.join();
    };
    std::vector<aio::DeadlockError::Waiting> waiting;
    std::string what;
    try {
        aio::run(main());
        FAIL() << "run returned";
    } catch (const aio::DeadlockError& e) {
        waiting = e.waiting();
        what = e.what();
    }
    ASSERT_EQ(waiting.size(), 1u);
    EXPECT_EQ(waiting[0].task, "Task-1");
    EXPECT_NE(waiting[0].what.find("Queue.join"), std::string::npos) << waiting[0].what;
    EXPECT_EQ(waiting[0].file, kFile);
    EXPECT_EQ(waiting[0].line, join_line);
    EXPECT_NE(what.find("Task-1 waits on Queue.join"), std::string::npos) << what;
    EXPECT_NE(what.find(std::string(kFile) + ":" + std::to_string(join_line)), std::string::npos) << what;
}

TEST(Deadlock, IsADeadlockErrorAndARuntimeError) {
    auto main = []() -> aio::Task<> {
        aio::Event never;
        co_await never.wait();
    };
    EXPECT_THROW(aio::run(main()), aio::DeadlockError);
    EXPECT_THROW(aio::run(main()), aio::RuntimeError);
}

TEST(Deadlock, NamesEveryWaitingTaskInCreationOrder) {
    unsigned main_line = 0, worker_line = 0;
    aio::Event never("never");
    auto worker = [&]() -> aio::Task<> {
        worker_line = __LINE__ + 1;
        co_await never.wait();
    };
    auto main = [&]() -> aio::Task<> {
        auto w = aio::create_task(worker(), "worker");
        main_line = __LINE__ + 1;
        co_await w;
    };
    std::vector<aio::DeadlockError::Waiting> waiting;
    try {
        aio::run(main());
    } catch (const aio::DeadlockError& e) {
        waiting = e.waiting();
    }
    ASSERT_EQ(waiting.size(), 2u);
    EXPECT_EQ(waiting[0].task, "Task-1");
    EXPECT_NE(waiting[0].what.find("task"), std::string::npos) << waiting[0].what;
    EXPECT_EQ(waiting[0].line, main_line);
    EXPECT_EQ(waiting[1].task, "worker");
    EXPECT_NE(waiting[1].what.find("Event"), std::string::npos) << waiting[1].what;
    EXPECT_EQ(waiting[1].line, worker_line);
    EXPECT_EQ(waiting[1].file, kFile);
}

TEST(Deadlock, ASwallowedCancellationIsReportedAndTheShutdownCancelsAgain) {
    // tests/python/rules/deadlock_swallowed_cancel.py
    Journal j;
    aio::Event ev;
    auto stubborn = [&]() -> aio::Task<> {
        try {
            co_await aio::sleep(1);
        } catch (const aio::CancelledError&) {
            j.add("stubborn swallows the cancel");
        }
        try {
            co_await ev.wait();
        } catch (const aio::CancelledError&) {
            j.add("stubborn cancelled again at shutdown");
            throw;
        }
    };
    auto main = [&]() -> aio::Task<> {
        auto s = aio::create_task(stubborn(), "stubborn");
        co_await aio::sleep(0.1);
        s.cancel();
        try {
            co_await s;
        } catch (const aio::CancelledError&) {
            j.add("main: CancelledError while awaiting stubborn");
            throw;
        }
    };
    std::vector<std::string> names;
    try {
        aio::run(main());
    } catch (const aio::DeadlockError& e) {
        for (const auto& w : e.waiting()) names.push_back(w.task);
    }
    EXPECT_EQ(names, (std::vector<std::string>{"Task-1", "stubborn"}));
    EXPECT_EQ(j.lines, (std::vector<std::string>{"stubborn swallows the cancel@0.1",
                                                 "stubborn cancelled again at shutdown@0.1",
                                                 "main: CancelledError while awaiting stubborn@0.1"}));
}

TEST(Deadlock, ATaskWaitingForALockItHoldsIsReported) {
    aio::Lock lock;
    std::string what;
    auto main = [&]() -> aio::Task<> {
        co_await lock.acquire();
        co_await lock.acquire();
    };
    try {
        aio::run(main());
    } catch (const aio::DeadlockError& e) {
        ASSERT_EQ(e.waiting().size(), 1u);
        what = e.waiting()[0].what;
    }
    EXPECT_NE(what.find("Lock"), std::string::npos) << what;
}

TEST(Deadlock, ReportsTheLoopTimeOfTheStall) {
    std::string what;
    auto main = []() -> aio::Task<> {
        co_await aio::sleep(2.5);
        aio::Semaphore sem(0);
        co_await sem.acquire();
    };
    try {
        aio::run(main());
    } catch (const aio::DeadlockError& e) {
        what = e.what();
    }
    EXPECT_EQ(what.rfind("deadlock at t=2.500", 0), 0u) << what;
}

TEST(Deadlock, EmitsOneDeadlockTraceEventPerWaitingTaskThenRunEnd) {
    Recorder rec;
    unsigned get_line = 0;
    aio::Queue<int> q;
    auto main = [&]() -> aio::Task<> {
        get_line = __LINE__ + 1;
        co_await q.get();
    };
    EXPECT_THROW(aio::run(main(), {.sink = &rec}), aio::DeadlockError);
    auto dead = rec.of(aio::TraceEventKind::Deadlock);
    ASSERT_EQ(dead.size(), 1u);
    EXPECT_EQ(dead[0].task, 1u);
    EXPECT_EQ(dead[0].wait, aio::WaitKind::QueueGet);
    EXPECT_STREQ(dead[0].file, __FILE__);
    EXPECT_EQ(dead[0].line, get_line);
    ASSERT_FALSE(rec.events.empty());
    EXPECT_EQ(rec.events.back().kind, aio::TraceEventKind::RunEnd);
    EXPECT_EQ(rec.events.back().outcome, aio::Outcome::Deadlock);
}

TEST(Deadlock, IsWrittenToTheRunLog) {
    aio_test::LogCapture out;
    aio::Event ev;
    auto main = [&]() -> aio::Task<> {
        co_await aio::sleep(0.1);
        co_await ev.wait();
    };
    EXPECT_THROW(aio::run(main(), {.log_sink = &out}), aio::DeadlockError);
    const std::string& text = out.log;
    EXPECT_EQ(text, "t=0.100 deadlock\nt=0.100   waiting: Task-1\n");
}

aio::Task<> inner_wait(aio::Event& ev, unsigned& line) {
    line = __LINE__ + 1;
    co_await ev.wait();
}

TEST(Deadlock, PointsAtTheInnermostCoAwaitOfAnAwaitedCoroutine) {
    aio::Event ev;
    unsigned line = 0;
    std::vector<aio::DeadlockError::Waiting> waiting;
    auto main = [&]() -> aio::Task<> { co_await inner_wait(ev, line); };
    try {
        aio::run(main());
    } catch (const aio::DeadlockError& e) {
        waiting = e.waiting();
    }
    ASSERT_EQ(waiting.size(), 1u);
    EXPECT_EQ(waiting[0].line, line);
    EXPECT_NE(waiting[0].what.find("Event"), std::string::npos) << waiting[0].what;
}

}  // namespace
