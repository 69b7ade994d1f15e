// Every pitfall that hangs in Python ends in Dirigent with a deadlock report that
// names the waiting tasks and the lines of their co_awaits in the scenario.
#include <lessons/lesson.hpp>

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Case {
    std::string lesson;
    std::map<std::string, double> set;  // parameters besides the defaults
};

// The pitfalls that hang for real under CPython (their lesson texts say so).
std::vector<Case> hanging_pitfalls() {
    return {
        {"taskgroup-cancel", {}},
        {"queues", {}},
        {"best-practices", {{"rule", 2}}},  // no timeout
        {"best-practices", {{"rule", 3}}},  // task_done forgotten
    };
}

std::string line_of(std::string_view source, std::uint32_t line) {
    std::istringstream in{std::string(source)};
    std::string text;
    for (std::uint32_t i = 0; i < line && std::getline(in, text); ++i) {
    }
    return text;
}

std::string base_name(const char* file) {
    std::string f = file ? file : "";
    auto slash = f.find_last_of('/');
    return slash == std::string::npos ? f : f.substr(slash + 1);
}

class HangingPitfall : public testing::TestWithParam<Case> {};

TEST_P(HangingPitfall, EndsInADeadlockReportNamingTasksAndTheirAwaitLines) {
    const Case& c = GetParam();
    const lessons::Lesson* lesson = lessons::find(c.lesson);
    ASSERT_NE(lesson, nullptr) << c.lesson;
    lessons::Params params = lessons::defaults(*lesson);
    for (const auto& [id, value] : c.set) params.values[id] = value;

    const lessons::Run run = lessons::run(*lesson, params, true);
    ASSERT_TRUE(run.deadlock) << run.log;

    std::map<std::uint32_t, std::string> names;
    std::vector<const aio::TraceEvent*> reports;
    for (const aio::TraceEvent& e : *run.recorder) {
        if (e.kind == aio::TraceEventKind::TaskCreated) names[e.task] = e.text;
        if (e.kind == aio::TraceEventKind::Deadlock) reports.push_back(&e);
    }
    ASSERT_FALSE(reports.empty());
    for (const aio::TraceEvent* e : reports) {
        const std::string& name = names[e->task];
        // The log names the task ...
        EXPECT_NE(run.log.find("waiting: " + name + "\n"), std::string::npos) << name << "\n" << run.log;
        // ... and the trace points at the co_await it waits in, inside the lesson's own code.
        EXPECT_NE(e->wait, aio::WaitKind::None) << name;
        const std::string file = base_name(e->file);
        EXPECT_TRUE(file == "scenario.cpp" || file == "lesson.cpp") << name << " waits at " << file;
        if (file == "scenario.cpp") {
            EXPECT_NE(line_of(lesson->cpp_source, e->line).find("co_await"), std::string::npos)
                << name << " at line " << e->line << ": " << line_of(lesson->cpp_source, e->line);
        }
    }
}

TEST_P(HangingPitfall, DoesNotDeadlockWithoutThePitfall) {
    const Case& c = GetParam();
    const lessons::Lesson* lesson = lessons::find(c.lesson);
    ASSERT_NE(lesson, nullptr);
    lessons::Params params = lessons::defaults(*lesson);
    for (const auto& [id, value] : c.set) params.values[id] = value;
    const lessons::Run run = lessons::run(*lesson, params, false);
    EXPECT_FALSE(run.deadlock) << run.log;
}

std::string case_name(const testing::TestParamInfo<Case>& info) {
    std::string n = info.param.lesson;
    for (const auto& [id, value] : info.param.set) n += "_" + id + std::to_string(static_cast<int>(value));
    for (char& ch : n)
        if (ch == '-') ch = '_';
    return n;
}

INSTANTIATE_TEST_SUITE_P(Lessons, HangingPitfall, testing::ValuesIn(hanging_pitfalls()), case_name);

// The other way round: no lesson deadlocks at its defaults, pitfall or not, unless listed above.
TEST(Pitfalls, OnlyTheListedPitfallsDeadlockAtDefaults) {
    std::set<std::string> hanging;
    for (const Case& c : hanging_pitfalls())
        if (c.set.empty()) hanging.insert(c.lesson);
    for (const lessons::Lesson* lesson : lessons::registry()) {
        if (lesson->placeholder) continue;
        const lessons::Params params = lessons::defaults(*lesson);
        EXPECT_FALSE(lessons::run(*lesson, params, false).deadlock) << lesson->id;
        if (lesson->has_pitfall && lesson->id != "best-practices") {
            EXPECT_EQ(lessons::run(*lesson, params, true).deadlock, hanging.count(lesson->id) == 1) << lesson->id;
        }
    }
}

}  // namespace
