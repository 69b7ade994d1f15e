// The registry: curriculum order, the last lessons, and what every registered lesson promises.
#include <lessons/lesson.hpp>
#include <lessons/param_input.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include <cmath>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

// The curriculum (lessons.md); the registry holds those whose folders are complete, in this order.
const std::vector<std::string> curriculum = {"event-loop", "tasks-gather", "taskgroup-cancel",
                                             "queues",     "semaphores",   "many-tasks",
                                             "http",       "database",     "best-practices",
                                             "threads",    "blocking",     "races",
                                             "async-iteration", "waiting-for-many", "task-lifetime"};

std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> out;
    std::stringstream in(text);
    for (std::string item; std::getline(in, item, separator);) {
        if (!item.empty()) out.push_back(item);
    }
    return out;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::vector<std::string> registered_ids() {
    std::vector<std::string> ids;
    for (const lessons::Lesson* lesson : lessons::registry()) ids.push_back(lesson->id);
    return ids;
}

TEST(Registry, HoldsTheBuiltLessonsInCurriculumOrder) {
    std::vector<std::string> expected;
    const std::vector<std::string> built = split(DIRIGENT_BUILT_LESSONS, ',');
    const std::set<std::string> built_set(built.begin(), built.end());
    for (const std::string& id : curriculum) {
        if (built_set.count(id)) expected.push_back(id);
    }
    EXPECT_EQ(built.size(), expected.size()) << "a built lesson that is not in the curriculum";
    EXPECT_EQ(registered_ids(), expected);
}

TEST(Registry, ThreadsThenBlockingAreFullLessons) {
    const lessons::Lesson* threads_lesson = lessons::find("threads");
    const lessons::Lesson* blocking_lesson = lessons::find("blocking");
    ASSERT_TRUE(threads_lesson && blocking_lesson);
    const auto& all = lessons::registry();
    const auto at = std::find(all.begin(), all.end(), threads_lesson);
    ASSERT_TRUE(at != all.end() && at + 1 != all.end());
    EXPECT_EQ(*(at + 1), blocking_lesson) << "blocking comes right after threads";
    const lessons::Lesson& threads = *threads_lesson;
    const lessons::Lesson& blocking = *blocking_lesson;
    EXPECT_EQ(threads.id, "threads");
    EXPECT_EQ(blocking.id, "blocking");
    EXPECT_EQ(threads.title.en, "Threads versus coroutines");
    EXPECT_EQ(threads.title.de, "Threads und Coroutinen im Vergleich");
    for (const lessons::Lesson* lesson : {&threads, &blocking}) {
        EXPECT_FALSE(lesson->placeholder) << lesson->id;
        EXPECT_TRUE(lesson->scenario) << lesson->id;
    }
}

// The threads lesson's model runs in virtual time; its real threads come from live_threads.py.
TEST(Registry, ThreadsShowsItsLiveProgram) {
    const lessons::Lesson* threads = lessons::find("threads");
    ASSERT_NE(threads, nullptr);
    ASSERT_EQ(threads->live_listings.size(), 1u);
    EXPECT_EQ(threads->live_listings[0].file, "live_threads.py");
    EXPECT_EQ(threads->live_listings[0].arguments, "--n 1000");
    EXPECT_EQ(threads->live_listings[0].source,
              read_file(std::string(DIRIGENT_LESSONS_DIR) + "/threads/live_threads.py"));
}

TEST(Registry, FindsByIdOnly) {
    for (const lessons::Lesson* lesson : lessons::registry()) EXPECT_EQ(lessons::find(lesson->id), lesson);
    EXPECT_EQ(lessons::find("nope"), nullptr);
    EXPECT_EQ(lessons::find(""), nullptr);
    EXPECT_EQ(lessons::find("Threads"), nullptr);
}

TEST(Registry, EmbedsTheFilesOfEachFolderVerbatim) {
    for (const lessons::Lesson* lesson : lessons::registry()) {
        const std::string dir = std::string(DIRIGENT_LESSONS_DIR) + "/" + lesson->id + "/";
        EXPECT_EQ(lesson->text_en, read_file(dir + "text.en.md")) << lesson->id;
        EXPECT_EQ(lesson->text_de, read_file(dir + "text.de.md")) << lesson->id;
        if (!lesson->placeholder) {
            EXPECT_EQ(lesson->python_source, read_file(dir + "lesson.py")) << lesson->id;
            EXPECT_EQ(lesson->cpp_source, read_file(dir + "scenario.cpp")) << lesson->id;
        }
    }
}

// The contract of lessons.md, for every lesson that is built.
TEST(Registry, EveryLessonKeepsTheContract) {
    std::set<std::string> ids;
    for (const lessons::Lesson* lesson : lessons::registry()) {
        SCOPED_TRACE(lesson->id);
        EXPECT_TRUE(ids.insert(lesson->id).second) << "duplicate id";
        EXPECT_FALSE(lesson->title.de.empty());
        EXPECT_FALSE(lesson->title.en.empty());
        if (lesson->placeholder) continue;
        EXPECT_TRUE(lesson->scenario);
        EXPECT_TRUE(lesson->quiz);
        EXPECT_GE(lesson->parameters.size(), 1u);
        EXPECT_LE(lesson->parameters.size(), 4u);
        std::set<std::string> parameter_ids;
        for (const lessons::Parameter& p : lesson->parameters) {
            SCOPED_TRACE(p.id);
            EXPECT_TRUE(parameter_ids.insert(p.id).second) << "duplicate parameter";
            EXPECT_FALSE(p.label.de.empty());
            EXPECT_FALSE(p.label.en.empty());
            EXPECT_LT(p.min, p.max);
            EXPECT_GT(p.step, 0);
            EXPECT_GE(p.default_value, p.min);
            EXPECT_LE(p.default_value, p.max);
            EXPECT_NEAR(lessons::snap(p, p.default_value), p.default_value, 1e-9) << "default off the step";
            EXPECT_NEAR(lessons::snap(p, p.max), p.max, 1e-9) << "max off the step";
        }
        if (lesson->has_pitfall) {
            EXPECT_FALSE(lesson->pitfall.de.empty());
            EXPECT_FALSE(lesson->pitfall.en.empty());
        }
    }
}

// Every lesson runs at its defaults (with and without its pitfall) and asks 1-3 questions
// whose answers are among the choices offered.
TEST(Registry, EveryLessonRunsAndAsksItsQuiz) {
    for (const lessons::Lesson* lesson : lessons::registry()) {
        if (lesson->placeholder) continue;
        for (const bool pitfall : {false, true}) {
            if (pitfall && !lesson->has_pitfall) continue;
            SCOPED_TRACE(lesson->id + (pitfall ? " with the pitfall" : ""));
            const lessons::Params params = lessons::defaults(*lesson);
            const lessons::Run run = lessons::run(*lesson, params, pitfall);
            EXPECT_FALSE(run.log.empty());
            if (!pitfall) {
                EXPECT_EQ(run.error, "");
            }
            ASSERT_TRUE(lesson->quiz);
            const std::vector<lessons::QuizQuestion> questions = lesson->quiz(run, params, pitfall);
            EXPECT_GE(questions.size(), 1u);
            EXPECT_LE(questions.size(), 3u);
            for (const lessons::QuizQuestion& q : questions) {
                EXPECT_FALSE(q.question.de.empty());
                EXPECT_FALSE(q.question.en.empty());
                EXPECT_FALSE(q.answer.en.empty());
                EXPECT_FALSE(q.answer.de.empty());
                EXPECT_FALSE(q.explanation.de.empty());
                EXPECT_FALSE(q.explanation.en.empty());
                if (!q.choices.empty()) {
                    bool offered = false;
                    for (const lessons::Text& c : q.choices) offered = offered || c == q.answer;
                    EXPECT_TRUE(offered) << "answer '" << q.answer.en << "' is not among the choices";
                }
            }
        }
    }
}

// Quizzes compute from facts and the trace, not from the log: a run whose every log line is
// reworded (and whose log is then gone entirely) gives the same questions and answers.
TEST(Registry, RewordingTheLogChangesNoQuizAnswer) {
    for (const lessons::Lesson* lesson : lessons::registry()) {
        if (lesson->placeholder) continue;
        for (const bool pitfall : {false, true}) {
            if (pitfall && !lesson->has_pitfall) continue;
            SCOPED_TRACE(lesson->id + (pitfall ? " with the pitfall" : ""));
            const lessons::Params params = lessons::defaults(*lesson);
            const lessons::Run run = lessons::run(*lesson, params, pitfall);
            const std::vector<lessons::QuizQuestion> original = lesson->quiz(run, params, pitfall);

            lessons::Run reworded = run;
            std::string log;
            for (char c : run.log) log += c == '\n' ? std::string(" (reworded)\n") : std::string(1, c == ' ' ? '_' : c);
            reworded.log = log;
            lessons::Run silent = run;
            silent.log.clear();
            for (const lessons::Run* other : {&reworded, &silent}) {
                const std::vector<lessons::QuizQuestion> again = lesson->quiz(*other, params, pitfall);
                ASSERT_EQ(again.size(), original.size());
                for (std::size_t i = 0; i < again.size(); ++i) {
                    EXPECT_EQ(again[i].question, original[i].question);
                    EXPECT_EQ(again[i].choices, original[i].choices);
                    EXPECT_EQ(again[i].answer, original[i].answer);
                    EXPECT_EQ(again[i].explanation, original[i].explanation);
                }
            }
        }
    }
}

// German numbers have a decimal comma, English ones a point; both say the same value.
TEST(Registry, QuizNumbersFollowTheLanguage) {
    for (const lessons::Lesson* lesson : lessons::registry()) {
        if (lesson->placeholder) continue;
        for (const bool pitfall : {false, true}) {
            if (pitfall && !lesson->has_pitfall) continue;
            SCOPED_TRACE(lesson->id + (pitfall ? " with the pitfall" : ""));
            const lessons::Params params = lessons::defaults(*lesson);
            const lessons::Run run = lessons::run(*lesson, params, pitfall);
            for (const lessons::QuizQuestion& q : lesson->quiz(run, params, pitfall)) {
                std::vector<lessons::Text> shown = q.choices;
                shown.push_back(q.answer);
                for (const lessons::Text& t : shown) {
                    // A number like 0.500 in English is 0,500 in German, never 0.500.
                    for (std::size_t i = 1; i + 1 < t.de.size(); ++i) {
                        const bool digits = std::isdigit(static_cast<unsigned char>(t.de[i - 1])) &&
                                            std::isdigit(static_cast<unsigned char>(t.de[i + 1]));
                        EXPECT_FALSE(digits && t.de[i] == '.') << "German choice with a decimal point: " << t.de;
                    }
                }
            }
        }
    }
}

}  // namespace
