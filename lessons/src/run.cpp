// lessons::run: one scenario in virtual time, its trace recorded and its log kept as text.
#include "facts_scope.hpp"
#include "lessons/describe.hpp"
#include "lessons/lesson.hpp"

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace lessons {

namespace {

// The loop's lines as text: the run's log, and the warnings apart (run.cpp's caller decides
// where they go; the command line prints them on stderr).
class TextLog final : public aio::LogSink {
public:
    explicit TextLog(Run& run) : run_(run) {}
    void line(aio::LogKind kind, std::string_view text) override {
        std::string& to = kind == aio::LogKind::Warning ? run_.warnings : run_.log;
        to.append(text);
        to += '\n';
    }

private:
    Run& run_;
};

}  // namespace

Run run(const Lesson& lesson, const Params& params, bool pitfall) {
    if (lesson.placeholder || !lesson.scenario)
        throw std::invalid_argument("lesson '" + lesson.id + "' has no scenario yet");

    // Parameters not given keep their defaults.
    Params full = defaults(lesson);
    for (const auto& [id, value] : params.values) full.values.insert_or_assign(id, value);

    Run result;
    result.recorder = std::make_shared<trace::Recorder>();
    TextLog log(result);
    FactsScope facts(result.facts);
    try {
        aio::run(lesson.scenario(full, pitfall),
                 {.sink = result.recorder.get(), .log_sink = &log, .main_name = "main"});
    } catch (const aio::DeadlockError& deadlock) {
        // The loop has logged "t=… deadlock" and a "t=…   waiting: <task>" line per task, as
        // vloop does, and cleaned up. Like vloop.run, that is a normal end of the run.
        result.deadlock = true;
        for (const aio::DeadlockError::Waiting& w : deadlock.waiting()) result.waiting.push_back(w.task);
    } catch (...) {
        // vloop.run prints this line after the cleanup, without a time stamp.
        result.error = "main raised " + describe(std::current_exception());
    }
    if (!result.error.empty()) result.log += result.error + "\n";
    if (!result.recorder->empty()) result.end_time = static_cast<double>(result.recorder->back().time_ns) / 1e9;
    return result;
}

}  // namespace lessons
