// lessons::run: the log as vloop prints it, the trace, and every way a run can end.
#include "fake_lessons.hpp"

#include <lessons/lesson.hpp>

#include <gtest/gtest.h>

#include <stdexcept>

namespace {

TEST(Run, RecordsTheLogAndTheTraceOfARunThatEndsWell) {
    const lessons::Lesson& lesson = fake::workers();
    const lessons::Run run = lessons::run(lesson, lessons::defaults(lesson), false);
    EXPECT_EQ(run.log,
              "t=0.000 worker-1 starts\n"
              "t=0.000 worker-2 starts\n"
              "t=0.500 worker-1 done\n"
              "t=1.000 worker-2 done\n"
              "t=1.000 all done after 1.000 s\n");
    EXPECT_FALSE(run.deadlock);
    EXPECT_EQ(run.error, "");
    ASSERT_TRUE(run.recorder);
    ASSERT_FALSE(run.recorder->empty());
    EXPECT_EQ(run.recorder->back().kind, aio::TraceEventKind::RunEnd);
    EXPECT_DOUBLE_EQ(run.end_time, 1.0);
}

TEST(Run, NamesTheMainTaskMain) {
    const lessons::Lesson& lesson = fake::workers();
    const lessons::Run run = lessons::run(lesson, lessons::defaults(lesson), false);
    bool found = false;
    for (const aio::TraceEvent& e : *run.recorder) {
        if (e.kind == aio::TraceEventKind::TaskCreated && e.text == "main") found = true;
    }
    EXPECT_TRUE(found);
}

TEST(Run, UsesTheGivenParametersAndDefaultsForTheRest) {
    const lessons::Lesson& lesson = fake::workers();
    lessons::Params params;
    params.values["workers"] = 3;  // delay keeps its default, 0.5
    const lessons::Run run = lessons::run(lesson, params, false);
    EXPECT_NE(run.log.find("t=1.500 worker-3 done\n"), std::string::npos) << run.log;
    EXPECT_DOUBLE_EQ(run.end_time, 1.5);
}

TEST(Run, ADeadlockEndsTheRunWithTheLoopsReport) {
    const lessons::Lesson& lesson = fake::workers();
    const lessons::Run run = lessons::run(lesson, lessons::defaults(lesson), true);
    EXPECT_TRUE(run.deadlock);
    EXPECT_EQ(run.error, "");
    EXPECT_EQ(run.log,
              "t=0.000 worker-1 starts\n"
              "t=0.000 worker-2 starts\n"
              "t=0.500 worker-1 done\n"
              "t=1.000 worker-2 done\n"
              "t=1.000 deadlock\n"
              "t=1.000   waiting: main\n");
    EXPECT_DOUBLE_EQ(run.end_time, 1.0);
}

TEST(Run, MainRaisingIsReportedAfterTheCleanupAsVloopPrintsIt) {
    const lessons::Run run = lessons::run(fake::raises(), {}, false);
    EXPECT_FALSE(run.deadlock);
    EXPECT_EQ(run.error, "main raised ValueError");
    EXPECT_EQ(run.log,
              "t=0.500 main raises\n"
              "t=0.500 background cancelled\n"
              "main raised ValueError\n");
    EXPECT_DOUBLE_EQ(run.end_time, 0.5);
}

TEST(Run, MainRaisingItsOwnTypeShowsTheUnqualifiedName) {
    const lessons::Run run = lessons::run(fake::raises_own_type(), {}, false);
    EXPECT_EQ(run.error, "main raised BadStatus");
    EXPECT_EQ(run.log, "main raised BadStatus\n");
}

TEST(Run, AnExceptionGroupShowsWhatItHolds) {
    const lessons::Run run = lessons::run(fake::group_fails(), {}, false);
    EXPECT_EQ(run.error, "main raised ExceptionGroup(ValueError, TimeoutError)");
    EXPECT_EQ(run.log, "main raised ExceptionGroup(ValueError, TimeoutError)\n");
}

TEST(Run, APlaceholderCannotRun) {
    EXPECT_THROW(lessons::run(fake::placeholder(), {}, false), std::invalid_argument);
}

TEST(Run, RunsAreIndependent) {
    const lessons::Lesson& lesson = fake::workers();
    const lessons::Run first = lessons::run(lesson, lessons::defaults(lesson), true);
    const lessons::Run second = lessons::run(lesson, lessons::defaults(lesson), false);
    EXPECT_TRUE(first.deadlock);
    EXPECT_FALSE(second.deadlock);
    EXPECT_NE(first.recorder, second.recorder);
    EXPECT_EQ(second.log.find("deadlock"), std::string::npos);
}

TEST(Run, TheQuizIsComputedFromTheRun) {
    const lessons::Lesson& lesson = fake::workers();
    lessons::Params params = lessons::defaults(lesson);
    params.values["workers"] = 4;
    const lessons::Run run = lessons::run(lesson, params, false);
    const auto questions = lesson.quiz(run, params, false);
    ASSERT_EQ(questions.size(), 1u);
    EXPECT_EQ(questions[0].answer.en, "4");
}

// note() inside a run lands in run.facts with the loop's time; outside a run it does nothing.
TEST(Run, FactsAreNotedWithTheLoopTime) {
    lessons::note("outside");  // no run: ignored, no crash
    const lessons::Lesson& lesson = fake::workers();
    lessons::Params params = lessons::defaults(lesson);
    params.values["workers"] = 3;
    const lessons::Run run = lessons::run(lesson, params, false);
    const std::vector<lessons::Fact> done = run.facts.all_of("done");
    ASSERT_EQ(done.size(), 3u);
    EXPECT_EQ(run.facts.count("outside"), 0);
    for (const lessons::Fact& f : done) EXPECT_GT(f.time, 0.0);
    ASSERT_NE(run.facts.first("done"), nullptr);
    EXPECT_LE(run.facts.first("done")->time, run.facts.last("done")->time);
}

// After a deadlock, run.waiting names the waiting tasks in creation order, as the log does.
TEST(Run, ADeadlockNamesTheWaitingTasks) {
    const lessons::Lesson& lesson = fake::workers();
    const lessons::Run run = lessons::run(lesson, lessons::defaults(lesson), true);
    ASSERT_TRUE(run.deadlock);
    ASSERT_FALSE(run.waiting.empty());
    EXPECT_EQ(run.waiting.front(), "main");
    for (const std::string& name : run.waiting)
        EXPECT_NE(run.log.find("waiting: " + name + "\n"), std::string::npos) << name;
}

}  // namespace
