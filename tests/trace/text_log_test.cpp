#include "event_script.hpp"
#include "trace/recorder.hpp"
#include "trace/text_log.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

namespace {

using trace_test::EventScript;
using K = aio::TraceEventKind;
using W = aio::WaitKind;
using O = aio::ObjectKind;

std::string text_log(const trace::Recorder& recorder) {
    std::ostringstream out;
    trace::write_text_log(recorder, out);
    return out.str();
}

// The golden lines use aio::to_string's words (core/aio/src/trace_event.cpp):
// when those change, the log format changes, and this test says so.
TEST(TextLog, writes_one_stable_line_per_event) {
    trace::Recorder recorder;
    EventScript s(recorder);
    s.tick(0).created(1, "main", 0, 7).scheduled(1);
    s.tick().begin(1).object(3, O::Queue, "jobs", 2).created(2, "worker-1", 1, 8).put(3, 1, "job \"1\"", 1);
    s.timer_armed(1, 1, 300'000'000).suspend(1, W::Sleep, 1, 300'000'000, 12).end(1);
    s.tick(300'000'000).timer_fired(1).woken(1, 0, 1).log(2, "line\nbreak\x01").suspend(2, W::QueueGet, 3, 0, 20);
    s.suspend(1, W::Task, 2, 0, 13).op(K::SemAcquire, 3, 2, 0);
    s.deadlock(2, W::QueueGet, 3, 20, "Queue.get #3").finished(1, aio::Outcome::Exception, "boom");
    s.run_end(aio::Outcome::Deadlock);
    const std::string expected =
        "#0 it=1 t=0.000000000 task_created task=1(main) other=0 at=scenario.cpp:7\n"
        "#1 it=1 t=0.000000000 scheduled task=1(main)\n"
        "#2 it=2 t=0.000000000 step_begin task=1(main)\n"
        "#3 it=2 t=0.000000000 object_created wait=Queue obj=3(jobs) value=2\n"
        "#4 it=2 t=0.000000000 task_created task=2(worker-1) other=1(main) at=scenario.cpp:8\n"
        "#5 it=2 t=0.000000000 queue_put task=1(main) obj=3(jobs) value=1 \"job \\\"1\\\"\"\n"
        "#6 it=2 t=0.000000000 timer_armed task=1(main) obj=1 value=300000000\n"
        "#7 it=2 t=0.000000000 suspended task=1(main) wait=sleep obj=1 value=300000000 at=scenario.cpp:12\n"
        "#8 it=2 t=0.000000000 step_end task=1(main)\n"
        "#9 it=3 t=0.300000000 timer_fired obj=1\n"
        "#10 it=3 t=0.300000000 woken task=1(main) other=0 obj=1\n"
        "#11 it=3 t=0.300000000 log task=2(worker-1) \"line\\nbreak\\x01\"\n"
        "#12 it=3 t=0.300000000 suspended task=2(worker-1) wait=Queue.get obj=3(jobs) value=0 at=scenario.cpp:20\n"
        "#13 it=3 t=0.300000000 suspended task=1(main) wait=task obj=2(worker-1) value=0 at=scenario.cpp:13\n"
        "#14 it=3 t=0.300000000 sem_acquire task=2(worker-1) obj=3(jobs) value=0\n"
        "#15 it=3 t=0.300000000 deadlock task=2(worker-1) wait=Queue.get obj=3(jobs) at=scenario.cpp:20 \"Queue.get #3\"\n"
        "#16 it=3 t=0.300000000 finished task=1(main) outcome=exception \"boom\"\n"
        "#17 it=3 t=0.300000000 run_end outcome=deadlock\n";
    EXPECT_EQ(text_log(recorder), expected);
}

TEST(TextLog, prints_loop_time_with_nine_exact_decimals) {
    trace::Recorder recorder;
    EventScript s(recorder);
    s.tick(1).scheduled(1).tick(12'345'678'901).scheduled(1).tick(999'999'999).scheduled(1);
    const std::string log = text_log(recorder);
    EXPECT_NE(log.find(" t=0.000000001 "), std::string::npos) << log;
    EXPECT_NE(log.find(" t=12.345678901 "), std::string::npos) << log;
    EXPECT_NE(log.find(" t=0.999999999 "), std::string::npos) << log;
}

TEST(TextLog, names_files_by_their_base_name_only) {
    EXPECT_EQ(trace::source_basename("/a/b/c.cpp"), "c.cpp");
    EXPECT_EQ(trace::source_basename("C:\\src\\d.cpp"), "d.cpp");
    EXPECT_EQ(trace::source_basename("e.cpp"), "e.cpp");
    EXPECT_EQ(trace::source_basename(nullptr), "");
    trace::Recorder recorder;
    EventScript(recorder).tick(0).created(1, "main", 0, 3);
    EXPECT_EQ(text_log(recorder).find("/home/"), std::string::npos);
}

TEST(TextLog, formats_a_live_run_line_by_line_like_the_whole_log) {
    trace::Recorder recorder;
    EventScript s(recorder);
    s.tick(0).created(1, "main").object(2, O::Lock, "lock").op(K::LockAcquire, 2, 1).log(1, "hi");
    trace::TextLogFormatter formatter;
    std::string lines;
    for (const aio::TraceEvent& e : recorder) lines += formatter.format(e) + "\n";
    EXPECT_EQ(lines, text_log(recorder));
    EXPECT_NE(lines.find("lock_acquire task=1(main) obj=2(lock)"), std::string::npos) << lines;
}

TEST(TextLog, writes_nothing_for_an_empty_recording) {
    trace::Recorder recorder;
    EXPECT_EQ(text_log(recorder), "");
}

}  // namespace
