// What a lesson is: data plus a scenario on the aio scheduler. A lesson knows
// nothing about widgets; the app and the CLI only read these descriptions and
// the runs they produce.
#pragma once

#include <aio/aio.hpp>
#include <lessons/facts.hpp>
#include <trace/recorder.hpp>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace lessons {

enum class Lang { De, En };

// A text in both languages.
struct Text {
    std::string de;
    std::string en;
    const std::string& in(Lang lang) const { return lang == Lang::De ? de : en; }
    bool operator==(const Text&) const = default;
};

// One slider. `id` is also the option of lesson.py (`--workers 3`) and of `dirigent run --set workers=3`.
struct Parameter {
    std::string id;
    Text label;
    double min = 0;
    double max = 1;
    double step = 1;
    double default_value = 0;
    std::string unit;  // "s", "ms", "" ...
    bool integer() const { return step == static_cast<double>(static_cast<long long>(step)); }
};

// Parameter values by id; a Params made by defaults() holds every parameter of its lesson.
struct Params {
    std::map<std::string, double, std::less<>> values;
    double operator[](std::string_view id) const;  // throws std::out_of_range naming the id
    int integer(std::string_view id) const { return static_cast<int>((*this)[id]); }
};

// One run of a scenario in virtual time: the whole trace exists before anything is shown.
struct Run {
    std::shared_ptr<trace::Recorder> recorder;  // every event of the run
    std::string log;                            // exactly what `dirigent run --log` prints (for people:
                                                // quizzes and sweeps read facts and the trace)
    std::string warnings;                       // Python's warnings ("RuntimeWarning: coroutine 'f' was
                                                // never awaited"), one a line: `dirigent run` prints them on stderr
    Facts facts;                                // what the scenario noted for its quiz (note())
    bool deadlock = false;                      // the run ended in a deadlock report
    std::vector<std::string> waiting;           // after a deadlock: the waiting tasks, in creation order
    std::string error;                          // "main raised X" when main failed, else empty
    double end_time = 0;                        // loop time when the run ended, seconds
};

// A question whose answer is computed from a run. Choices and answer are texts like the
// question: numbers follow the language (German "0,500 s"), so do words ("abgebrochen").
struct QuizQuestion {
    Text question;
    std::vector<Text> choices;  // offered answers (may be empty: a free answer)
    Text answer;                // the correct answer; one of the choices when there are any
    Text explanation;
};

// The sweep plot of a lesson: a figure of the run against one parameter.
struct Sweep {
    std::string parameter;                      // empty: the lesson's first parameter
    Text figure;                                // axis label; empty: the run's total time
    std::string unit = "s";
    std::function<double(const Run&)> measure;  // empty: run.end_time
};

struct Lesson {
    std::string id;  // the folder under lessons/, e.g. "event-loop"
    Text title;
    std::vector<Parameter> parameters;
    bool has_pitfall = false;
    Text pitfall;  // label of the pitfall switch
    // The C++ twin of lesson.py; `pitfall` selects the variant that shows what goes wrong.
    std::function<aio::Task<void>(const Params&, bool pitfall)> scenario;
    // 1-3 questions whose answers are computed from `run` (made with the same params and pitfall):
    // from run.facts, run.waiting, run.end_time and the trace, never from run.log.
    std::function<std::vector<QuizQuestion>(const Run& run, const Params&, bool pitfall)> quiz;
    // Embedded at build time from the lesson's folder.
    std::string_view python_source;  // lesson.py
    std::string_view cpp_source;     // scenario.cpp
    std::string_view text_de;        // text.de.md
    std::string_view text_en;        // text.en.md
    // The same program written with real libraries (live_<name>.py in the lesson's folder,
    // e.g. aiohttp and httpx), shown beside the listing with the command that runs it.
    struct Listing {
        std::string file;         // "live_aiohttp.py"
        std::string_view source;  // embedded at build time
        // What it takes on the command line ("--db bank.sqlite"); "{server}" stands for the
        // URL of the demo server the program talks to.
        std::string arguments;
    };
    std::vector<Listing> live_listings;
    Sweep sweep;
    // A queue of idle connections that the app draws as a connection pool (the database
    // lesson): its name as given to the Queue, and the parameter holding the pool's size.
    std::string pool_queue;
    std::string pool_size_parameter;
    // A live session's connections (the HTTP lesson live): the semaphore whose holders are
    // the requests on a connection and which reports how many connections are open
    // (ObjectCount). The pool view draws it, the semaphore view leaves it out.
    std::string pool_semaphore;
    // Queues that carry the live run's plumbing, not the lesson's story (the server lane's
    // events): the queue view leaves them out.
    std::vector<std::string> hidden_queues;
    // A place kept in the registry for a lesson still to come (no scenario yet).
    bool placeholder = false;
};

// Every lesson in curriculum order.
const std::vector<const Lesson*>& registry();
const Lesson* find(std::string_view id);
Params defaults(const Lesson& lesson);
// Runs the scenario in virtual time (main task named "main"), recording the trace.
Run run(const Lesson& lesson, const Params& params, bool pitfall);

}  // namespace lessons
