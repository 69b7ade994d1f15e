// lessons::run: one scenario in virtual time, its trace recorded and its log kept as text.
#include "facts_scope.hpp"
#include "lessons/describe.hpp"
#include "lessons/lesson.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <system_error>

namespace lessons {

namespace {

// An in-memory FILE* (open_memstream) for RunOptions::log_to; text() closes it.
class MemoryLog {
public:
    MemoryLog() : file_(open_memstream(&buffer_, &size_)) {
        if (!file_) throw std::system_error(errno, std::generic_category(), "open_memstream");
    }
    MemoryLog(const MemoryLog&) = delete;
    MemoryLog& operator=(const MemoryLog&) = delete;
    ~MemoryLog() {
        if (file_) std::fclose(file_);
        std::free(buffer_);
    }

    std::FILE* file() const { return file_; }

    std::string text() {
        if (file_) {
            std::fclose(file_);  // flushes; buffer_ and size_ are final afterwards
            file_ = nullptr;
        }
        return buffer_ ? std::string(buffer_, size_) : std::string();
    }

private:
    char* buffer_ = nullptr;
    std::size_t size_ = 0;
    std::FILE* file_ = nullptr;
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
    MemoryLog log;
    FactsScope facts(result.facts);
    try {
        aio::run(lesson.scenario(full, pitfall),
                 {.sink = result.recorder.get(), .log_to = log.file(), .main_name = "main"});
    } catch (const aio::DeadlockError& deadlock) {
        // The loop has printed "t=… deadlock" and a "t=…   waiting: <task>" line per task, as
        // vloop does, and cleaned up. Like vloop.run, that is a normal end of the run.
        result.deadlock = true;
        for (const aio::DeadlockError::Waiting& w : deadlock.waiting()) result.waiting.push_back(w.task);
    } catch (...) {
        // vloop.run prints this line after the cleanup, without a time stamp.
        result.error = "main raised " + describe(std::current_exception());
    }
    result.log = log.text();
    if (!result.error.empty()) result.log += result.error + "\n";
    if (!result.recorder->empty()) result.end_time = static_cast<double>(result.recorder->back().time_ns) / 1e9;
    return result;
}

}  // namespace lessons
