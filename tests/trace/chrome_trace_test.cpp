#include "event_script.hpp"
#include "mini_json.hpp"
#include "trace/chrome_trace.hpp"
#include "trace/recorder.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

using trace_test::EventScript;
namespace json = trace_test::json;
using K = aio::TraceEventKind;
using W = aio::WaitKind;
using O = aio::ObjectKind;

std::string chrome(const trace::Recorder& recorder, trace::ChromeTraceOptions options = {}) {
    std::ostringstream out;
    trace::write_chrome_trace(recorder, out, options);
    return out.str();
}

std::vector<json::Value> events_of(const std::string& text) {
    const json::Value doc = json::parse(text);
    return doc["traceEvents"].array();
}

std::vector<json::Value> with_ph(const std::vector<json::Value>& events, const std::string& ph) {
    std::vector<json::Value> out;
    for (const auto& e : events)
        if (e["ph"].string() == ph) out.push_back(e);
    return out;
}

// Two tasks: main sleeps and later awaits a queue; worker puts and logs.
void record_two_tasks(trace::Recorder& recorder) {
    EventScript s(recorder);
    s.tick(0).created(1, "main", 0, 3).scheduled(1);
    s.tick().begin(1).object(7, O::Queue, "jobs", 1).created(2, "worker", 1, 4).scheduled(2);
    s.timer_armed(1, 1, 1'000'000).suspend(1, W::Sleep, 1, 1'000'000, 5).end(1);
    s.tick().begin(2).put(7, 2, "job", 1).log(2, "worker put a job").suspend(2, W::QueueJoin, 7, 0, 9).end(2);
    s.tick(1'000'000).timer_fired(1).woken(1).scheduled(1);
    s.tick().begin(1).get(7, 1, "job", 0).op(K::QueueTaskDone, 7, 1, 0).woken(2, 1, 7).scheduled(2);
    s.finished(1, aio::Outcome::Result, "done").end(1);
    s.tick().begin(2).finished(2).end(2).run_end(aio::Outcome::Result);
}

TEST(ChromeTrace, is_valid_json_with_a_trace_events_array) {
    trace::Recorder recorder;
    record_two_tasks(recorder);
    const std::string text = chrome(recorder);
    json::Value doc;
    ASSERT_NO_THROW(doc = json::parse(text)) << text;
    ASSERT_TRUE(doc.is_object());
    ASSERT_TRUE(doc["traceEvents"].is_array());
    for (const json::Value& e : doc["traceEvents"].array()) {
        ASSERT_TRUE(e.has("ph"));
        ASSERT_TRUE(e.has("pid"));
        EXPECT_EQ(e["pid"].number(), 1);
        ASSERT_TRUE(e.has("tid") || e["ph"].string() == "C");
    }
}

TEST(ChromeTrace, names_one_track_per_task_and_one_for_the_loop) {
    trace::Recorder recorder;
    record_two_tasks(recorder);
    std::map<double, std::string> names;
    for (const json::Value& e : with_ph(events_of(chrome(recorder)), "M")) {
        if (e["name"].string() != "thread_name") continue;
        ASSERT_EQ(names.count(e["tid"].number()), 0u) << "two thread_name events for one tid";
        names[e["tid"].number()] = e["args"]["name"].string();
    }
    const std::map<double, std::string> expected{{1, "main"}, {2, "worker"}, {3, "event loop"}};
    EXPECT_EQ(names, expected);
}

TEST(ChromeTrace, draws_each_step_as_a_complete_slice) {
    trace::Recorder recorder;
    record_two_tasks(recorder);
    std::map<double, int> steps;
    for (const json::Value& e : with_ph(events_of(chrome(recorder)), "X")) {
        if (e["name"].string() != "step") continue;
        EXPECT_GT(e["dur"].number(), 0) << "steps must be visible, even in virtual time";
        ++steps[e["tid"].number()];
    }
    const std::map<double, int> expected{{1, 2}, {2, 2}};
    EXPECT_EQ(steps, expected);
}

TEST(ChromeTrace, draws_waits_between_the_steps_of_their_task) {
    trace::Recorder recorder;
    record_two_tasks(recorder);
    const auto slices = with_ph(events_of(chrome(recorder)), "X");
    std::vector<std::string> waits;
    for (const auto& e : slices)
        if (e["cat"].string() == "wait") waits.push_back(e["name"].string() + "@" + std::to_string(int(e["tid"].number())));
    std::sort(waits.begin(), waits.end());
    EXPECT_EQ(waits, (std::vector<std::string>{"Queue.join jobs@2", "sleep@1"}));
    // The sleep lasts a millisecond of loop time (1000 us), give or take the tie-break nanoseconds.
    for (const auto& e : slices) {
        if (e["name"].string() == "sleep") {
            EXPECT_NEAR(e["dur"].number(), 1000.0, 0.1);
            EXPECT_EQ(e["args"]["at"].string(), "scenario.cpp:5");
            EXPECT_EQ(e["args"]["deadline_s"].number(), 0.001);
        }
    }
}

// What is wrong with the "X" slices of a trace: empty if every track has slices and they nest
// (each slice lies after or inside the one still open before it). No slices at all is wrong:
// a check that finds nothing to check must not pass.
std::string nesting_problem(const std::vector<json::Value>& events) {
    struct Span {
        double begin, end;
    };
    std::map<double, std::vector<Span>> by_tid;
    for (const auto& e : with_ph(events, "X"))
        by_tid[e["tid"].number()].push_back({e["ts"].number(), e["ts"].number() + e["dur"].number()});
    if (by_tid.empty()) return "no slices at all";
    for (auto& [tid, spans] : by_tid) {
        // Outer slices first when two begin together, so a child sorts after its parent.
        std::sort(spans.begin(), spans.end(),
                  [](const Span& a, const Span& b) { return a.begin != b.begin ? a.begin < b.begin : a.end > b.end; });
        std::vector<Span> open;
        for (const Span& s : spans) {
            while (!open.empty() && open.back().end <= s.begin + 1e-9) open.pop_back();
            if (!open.empty() && s.end > open.back().end + 1e-9) {
                std::ostringstream out;
                out << "slice [" << s.begin << ", " << s.end << "] overlaps [" << open.back().begin << ", "
                    << open.back().end << "] on tid " << tid;
                return out.str();
            }
            open.push_back(s);
        }
    }
    return {};
}

TEST(ChromeTrace, nests_slices_on_every_track) {
    trace::Recorder recorder;
    record_two_tasks(recorder);
    const auto events = events_of(chrome(recorder));
    EXPECT_EQ(nesting_problem(events), "");
    // Both tasks have slices of their own, and a wait lies inside main's time between steps.
    std::map<double, int> slices_per_tid;
    for (const auto& e : with_ph(events, "X")) ++slices_per_tid[e["tid"].number()];
    EXPECT_GE(slices_per_tid.size(), 2u);
    for (const auto& [tid, n] : slices_per_tid) EXPECT_GE(n, 2) << "tid " << tid;
}

// The check above is not vacuous: it rejects a trace without slices and one whose slices cross.
TEST(ChromeTrace, nesting_check_rejects_no_slices_and_crossing_slices) {
    trace::Recorder empty;
    EXPECT_EQ(nesting_problem(events_of(chrome(empty))), "no slices at all");
    const auto crossing = events_of(
        R"({"traceEvents":[{"name":"step","ph":"X","pid":1,"tid":1,"ts":0,"dur":2},)"
        R"({"name":"wait","ph":"X","pid":1,"tid":1,"ts":1,"dur":2}]})");
    EXPECT_NE(nesting_problem(crossing), "");
    const auto nested = events_of(
        R"({"traceEvents":[{"name":"step","ph":"X","pid":1,"tid":1,"ts":0,"dur":3},)"
        R"({"name":"wait","ph":"X","pid":1,"tid":1,"ts":0,"dur":1}]})");
    EXPECT_EQ(nesting_problem(nested), "");
}

TEST(ChromeTrace, marks_wakeups_timers_and_log_lines_as_instants) {
    trace::Recorder recorder;
    record_two_tasks(recorder);
    std::map<std::string, int> instants;
    for (const auto& e : with_ph(events_of(chrome(recorder)), "i")) {
        ++instants[e["name"].string()];
        EXPECT_TRUE(e["s"].string() == "t" || e["s"].string() == "g");
    }
    EXPECT_EQ(instants["woken"], 2);
    EXPECT_EQ(instants["timer armed"], 1);
    EXPECT_EQ(instants["timer fired"], 1);
    EXPECT_EQ(instants["worker put a job"], 1);
    EXPECT_EQ(instants["run end"], 1);
}

TEST(ChromeTrace, counts_queue_sizes_on_counter_tracks) {
    trace::Recorder recorder;
    record_two_tasks(recorder);
    std::vector<double> sizes;
    for (const auto& e : with_ph(events_of(chrome(recorder)), "C"))
        if (e["name"].string() == "jobs size") sizes.push_back(e["args"]["size"].number());
    EXPECT_EQ(sizes, (std::vector<double>{1, 0}));
    EXPECT_TRUE(with_ph(events_of(chrome(recorder, {.counters = false})), "C").empty());
}

TEST(ChromeTrace, escapes_every_string_into_valid_json) {
    trace::Recorder recorder;
    EventScript s(recorder);
    const std::string nasty = std::string("q\"b\\s\nt\tc\x01 \xc3\xa4 bad:\xff\xc3 end");
    s.tick(0).created(1, "ta\"sk\\").log(1, nasty);
    const std::string text = chrome(recorder);
    std::vector<json::Value> events;
    ASSERT_NO_THROW(events = events_of(text)) << text;
    bool found = false;
    for (const auto& e : events) {
        if (e["ph"].string() == "i" && e["name"].string().rfind("q\"b", 0) == 0) {
            found = true;
            // Valid UTF-8 (the a-umlaut) passes; invalid bytes become U+FFFD.
            EXPECT_EQ(e["name"].string(), "q\"b\\s\nt\tc\x01 \xc3\xa4 bad:\xef\xbf\xbd\xef\xbf\xbd end");
        }
        if (e["ph"].string() == "M" && e["name"].string() == "thread_name" && e["tid"].number() == 1) {
            EXPECT_EQ(e["args"]["name"].string(), "ta\"sk\\");
        }
    }
    EXPECT_TRUE(found) << text;
    EXPECT_EQ(text.find('\xff'), std::string::npos);
}

TEST(ChromeTrace, can_lay_events_out_one_microsecond_apart) {
    trace::Recorder recorder;
    record_two_tasks(recorder);
    const auto slices = with_ph(events_of(chrome(recorder, {.axis = trace::ChromeTimeAxis::Sequence})), "X");
    ASSERT_FALSE(slices.empty());
    // main's first step: StepBegin is event 2, StepEnd event 8.
    const auto first = std::min_element(slices.begin(), slices.end(), [](const auto& a, const auto& b) {
        return a["ts"].number() < b["ts"].number();
    });
    EXPECT_EQ((*first)["ts"].number(), 2);
    EXPECT_EQ((*first)["dur"].number(), 6);
}

TEST(ChromeTrace, closes_slices_left_open_by_a_deadlock) {
    trace::Recorder recorder;
    EventScript s(recorder);
    s.tick(0).created(1, "main").begin(1).suspend(1, W::AsyncioEvent, 5, 0, 8).end(1);
    s.tick(2000).deadlock(1, W::AsyncioEvent, 5, 8).run_end(aio::Outcome::Deadlock);
    const auto slices = with_ph(events_of(chrome(recorder)), "X");
    const auto wait = std::find_if(slices.begin(), slices.end(), [](const auto& e) { return e["cat"].string() == "wait"; });
    ASSERT_NE(wait, slices.end());
    EXPECT_EQ((*wait)["name"].string(), "Event object#5");
    EXPECT_GT((*wait)["dur"].number(), 1.9);
}

TEST(ChromeTrace, writes_an_empty_but_valid_trace_for_an_empty_recording) {
    trace::Recorder recorder;
    EXPECT_NO_THROW(events_of(chrome(recorder)));
}

}  // namespace
