// aio::task_group: asyncio.TaskGroup (3.11).
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace {

using aio_test::holds;
using aio_test::Journal;

aio::Task<int> child(Journal& j, std::string name, double d, int v) {
    try {
        co_await aio::sleep(d);
    } catch (const aio::CancelledError&) {
        j.add(name + " cancelled");
        throw;
    }
    j.add(name + " done");
    co_return v;
}

aio::Task<int> value_error_after(Journal& j, double d) {
    co_await aio::sleep(d);
    j.add("value error");
    throw aio::ValueError("bad");
}

aio::Task<int> type_error_after(Journal& j, double d) {
    co_await aio::sleep(d);
    j.add("type error");
    throw aio::TypeError("wrong type");
}

TEST(TaskGroup, WaitsForEveryChildAndTheirResultsAreAvailable) {
    Journal j;
    aio::Task<int> a, b;
    auto main = [&]() -> aio::Task<> {
        co_await aio::task_group([&](aio::TaskGroup& tg) -> aio::Task<> {
            a = tg.create_task(child(j, "a", 2, 10), "a");
            b = tg.create_task(child(j, "b", 1, 20), "b");
            co_return;
        });
        j.add("group done");
    };
    aio::run(main());
    EXPECT_EQ(a.result(), 10);
    EXPECT_EQ(b.result(), 20);
    EXPECT_EQ(a.name(), "a");
    EXPECT_EQ(j.lines, (std::vector<std::string>{"b done@1", "a done@2", "group done@2"}));
}

TEST(TaskGroup, FirstFailureCancelsTheSiblingsAndTheBody) {
    Journal j;
    std::size_t errors = 0;
    bool is_value_error = false;
    auto main = [&]() -> aio::Task<> {
        try {
            co_await aio::task_group([&](aio::TaskGroup& tg) -> aio::Task<> {
                tg.create_task(value_error_after(j, 1));
                tg.create_task(child(j, "sibling", 10, 0));
                try {
                    co_await aio::sleep(5);
                    j.add("body finished");
                } catch (const aio::CancelledError&) {
                    j.add("body cancelled");
                    throw;
                }
            });
            j.add("group returned");
        } catch (const aio::ExceptionGroup& eg) {
            errors = eg.exceptions().size();
            if (errors > 0) is_value_error = holds<aio::ValueError>(eg.exceptions()[0]);
            j.add("caught ExceptionGroup");
        }
    };
    aio::run(main());
    EXPECT_EQ(errors, 1u);
    EXPECT_TRUE(is_value_error);
    EXPECT_EQ(j.lines, (std::vector<std::string>{"value error@1", "sibling cancelled@1", "body cancelled@1",
                                                 "caught ExceptionGroup@1"}));
}

TEST(TaskGroup, ExceptionGroupHoldsEveryError) {
    Journal j;
    std::vector<std::string> types;
    std::string what;
    auto main = [&]() -> aio::Task<> {
        try {
            co_await aio::task_group([&](aio::TaskGroup& tg) -> aio::Task<> {
                tg.create_task(value_error_after(j, 1));
                tg.create_task(type_error_after(j, 1));
                tg.create_task(child(j, "sibling", 10, 0));
                co_return;
            });
        } catch (const aio::ExceptionGroup& eg) {
            what = eg.what();
            for (const auto& e : eg.exceptions()) types.push_back(aio::type_name(e));
        }
    };
    aio::run(main());
    EXPECT_EQ(types, (std::vector<std::string>{"ValueError", "TypeError"}));
    EXPECT_NE(what.find("2 sub-exceptions"), std::string::npos) << what;
}

TEST(TaskGroup, ANonAioStdExceptionIsCollectedToo) {
    std::vector<std::string> types;
    auto main = [&]() -> aio::Task<> {
        auto thrower = []() -> aio::Task<> {
            co_await aio::sleep(0);
            throw std::runtime_error("plain");
        };
        try {
            co_await aio::task_group([&](aio::TaskGroup& tg) -> aio::Task<> {
                tg.create_task(thrower());
                co_return;
            });
        } catch (const aio::ExceptionGroup& eg) {
            for (const auto& e : eg.exceptions())
                types.push_back(holds<std::runtime_error>(e) ? "runtime_error" : aio::type_name(e));
        }
    };
    aio::run(main());
    EXPECT_EQ(types, (std::vector<std::string>{"runtime_error"}));
}

TEST(TaskGroup, CreateTaskAfterShutdownStartedThrowsRuntimeError) {
    Journal j;
    std::string message;
    auto main = [&]() -> aio::Task<> {
        try {
            co_await aio::task_group([&](aio::TaskGroup& tg) -> aio::Task<> {
                tg.create_task(value_error_after(j, 1));
                try {
                    co_await aio::sleep(5);
                } catch (const aio::CancelledError&) {
                    try {
                        tg.create_task(child(j, "late", 1, 0));  // rejected: reported as never awaited
                    } catch (const aio::RuntimeError& e) {
                        message = e.what();
                    }
                    throw;
                }
            });
        } catch (const aio::ExceptionGroup&) {
        }
    };
    aio::run(main());
    EXPECT_EQ(message, "TaskGroup is shutting down");
}

TEST(TaskGroup, BodyExceptionCancelsTheChildrenAndJoinsTheGroup) {
    Journal j;
    std::vector<std::string> types;
    auto main = [&]() -> aio::Task<> {
        try {
            co_await aio::task_group([&](aio::TaskGroup& tg) -> aio::Task<> {
                tg.create_task(child(j, "child", 10, 0));
                co_await aio::sleep(1);
                throw aio::ValueError("body failed");
            });
        } catch (const aio::ExceptionGroup& eg) {
            for (const auto& e : eg.exceptions()) types.push_back(aio::type_name(e));
            j.add("caught");
        }
    };
    aio::run(main());
    EXPECT_EQ(types, (std::vector<std::string>{"ValueError"}));
    EXPECT_EQ(j.lines, (std::vector<std::string>{"child cancelled@1", "caught@1"}));
}

TEST(TaskGroup, BodyErrorRaisedDuringTheAbortIsAddedAfterTheChildErrors) {
    Journal j;
    std::vector<std::string> types;
    auto main = [&]() -> aio::Task<> {
        try {
            co_await aio::task_group([&](aio::TaskGroup& tg) -> aio::Task<> {
                tg.create_task(type_error_after(j, 1));
                bool cancelled = false;
                try {
                    co_await aio::sleep(5);
                } catch (const aio::CancelledError&) {
                    cancelled = true;
                }
                if (cancelled) throw aio::ValueError("body failed while cancelled");
            });
        } catch (const aio::ExceptionGroup& eg) {
            for (const auto& e : eg.exceptions()) types.push_back(aio::type_name(e));
        }
    };
    aio::run(main());
    EXPECT_EQ(types, (std::vector<std::string>{"TypeError", "ValueError"}));
}

TEST(TaskGroup, CancellingTheParentCancelsTheChildrenAndRaisesCancelledError) {
    Journal j;
    aio::Task<> outer;
    auto grouped = [&]() -> aio::Task<> {
        co_await aio::task_group([&](aio::TaskGroup& tg) -> aio::Task<> {
            tg.create_task(child(j, "a", 10, 0));
            tg.create_task(child(j, "b", 10, 0));
            co_return;
        });
        j.add("not reached");
    };
    auto main = [&]() -> aio::Task<> {
        outer = aio::create_task(grouped());
        co_await aio::sleep(2);
        outer.cancel();
        try {
            co_await outer;
        } catch (const aio::CancelledError&) {
            j.add("outer cancelled");
        }
    };
    aio::run(main());
    EXPECT_TRUE(outer.cancelled());
    EXPECT_EQ(j.lines, (std::vector<std::string>{"a cancelled@2", "b cancelled@2", "outer cancelled@2"}));
}

TEST(TaskGroup, AChildFailingAfterTheBodyFinishedStillCancelsItsSiblings) {
    Journal j;
    std::vector<std::string> types;
    auto main = [&]() -> aio::Task<> {
        try {
            co_await aio::task_group([&](aio::TaskGroup& tg) -> aio::Task<> {
                tg.create_task(child(j, "sibling", 10, 0));
                tg.create_task(value_error_after(j, 2));
                co_return;  // the group now waits in its exit
            });
        } catch (const aio::ExceptionGroup& eg) {
            for (const auto& e : eg.exceptions()) types.push_back(aio::type_name(e));
            j.add("caught");
        }
        co_await aio::sleep(1);  // main itself must not be left cancelled
        j.add("main goes on");
    };
    aio::run(main());
    EXPECT_EQ(types, (std::vector<std::string>{"ValueError"}));
    EXPECT_EQ(j.lines, (std::vector<std::string>{"value error@2", "sibling cancelled@2", "caught@2", "main goes on@3"}));
}

}  // namespace
