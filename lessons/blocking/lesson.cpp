// Lesson 11, "Never block the event loop": its descriptor and its quiz.
#include <lessons/format.hpp>
#include <lessons/lesson.hpp>
#include <lessons/quiz_support.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace lessons::embedded::blocking {
extern const std::string_view python, cpp, text_de, text_en;
}

namespace lessons::blocking {
aio::Task<void> scenario(const Params& p, bool pitfall);
}

namespace lessons {

namespace {

// The value of the last fact with this key, 0 when there is none.
double last_value(const Facts& facts, std::string_view what) {
    const Fact* f = facts.last(what);
    return f ? f->value : 0;
}

// The longest time between two ticks of the heartbeat (the sweep's figure too).
double longest_gap(const Run& run) {
    double longest = 0;
    for (const Fact& f : run.facts.all_of("gap")) longest = std::max(longest, f.value);
    return longest;
}

// Debug mode's "Executing <Task ...> took ... seconds" reports, counted in the trace.
int slow_step_reports(const Run& run) {
    int n = 0;
    if (run.recorder)
        for (const aio::TraceEvent& e : *run.recorder) n += e.kind == aio::TraceEventKind::SlowStep;
    return n;
}

std::vector<QuizQuestion> quiz(const Run& run, const Params& p, bool pitfall) {
    const Facts& facts = run.facts;
    const double work = p["work"];
    const double tick = p["tick"];
    const bool debug = p.integer("debug") != 0;
    const Text work_text = seconds(work);
    const Text tick_text = seconds(tick);

    // 1. The longest gap between two ticks.
    const double gap = longest_gap(run);
    const Text gap_text = seconds(gap);
    QuizQuestion q1;
    q1.question = {"Wie lang war die längste Pause zwischen zwei Ticks des Heartbeats?",
                   "What was the longest gap between two ticks of the heartbeat?"};
    q1.choices = seconds_choices({tick, work, work + tick, 3 * work}, gap);
    q1.answer = gap_text;
    q1.explanation =
        pitfall
            ? Text{format("%s. Während eines time.sleep von %s hält der Handler die Event Loop fest: Der Timer des "
                          "Heartbeats ist längst fällig, aber niemand ist da, der ihn auslöst. Die Pause reicht "
                          "vom letzten Tick vor dem Aufruf bis zum ersten danach, also mindestens %s.",
                          gap_text.de.c_str(), work_text.de.c_str(), work_text.de.c_str()),
                   format("%s. During a time.sleep of %s the handler holds the event loop: the heartbeat's "
                          "timer is long due, but nobody is there to fire it. The gap reaches from the last tick "
                          "before the call to the first one after it, so it is at least %s.",
                          gap_text.en.c_str(), work_text.en.c_str(), work_text.en.c_str())}
            : Text{format("%s, genau ein Takt. Der Handler wartet immer mit await: auf asyncio.sleep oder auf "
                          "einen Worker-Thread. Die Event Loop bleibt frei und weckt den Heartbeat pünktlich.",
                          gap_text.de.c_str()),
                   format("%s, exactly one interval. The handler always waits with await: on asyncio.sleep or "
                          "on a worker thread. The event loop stays free and wakes the heartbeat on time.",
                          gap_text.en.c_str())};

    // 2. Ticks that came more than a whole interval late.
    const int late = static_cast<int>(last_value(facts, "late-ticks"));
    long most_late_ms = 0;
    for (const Fact& f : facts.all_of("tick")) most_late_ms = std::max(most_late_ms, static_cast<long>(f.value));
    const long tick_ms = static_cast<long>(tick * 1000 + 0.5);
    QuizQuestion q2;
    q2.question = {format("Wie viele Ticks kamen mehr als einen ganzen Takt (%s) zu spät?", tick_text.de.c_str()),
                   format("How many ticks came more than a whole interval (%s) late?", tick_text.en.c_str())};
    q2.choices = number_choices({0, 1, 2, 3, late});
    q2.answer = count(late);
    q2.explanation =
        pitfall
            ? Text{format("%d. Zweimal hält ein time.sleep von %s die Event Loop fest, und in dieser Zeit tickt nichts. "
                          "Der erste Tick danach kam bis zu %ld ms zu spät; ein Takt sind %ld ms.",
                          late, work_text.de.c_str(), most_late_ms, tick_ms),
                   format("%d. Twice a time.sleep of %s holds the event loop, and nothing ticks meanwhile. The first "
                          "tick after it came up to %ld ms late; one interval is %ld ms.",
                          late, work_text.en.c_str(), most_late_ms, tick_ms)}
            : Text{format("%d. to_thread und run_in_executor geben time.sleep an einen Worker-Thread ab; die "
                          "Event Loop bleibt frei, und jeder Tick kommt pünktlich.",
                          late),
                   format("%d. to_thread and run_in_executor hand time.sleep to a worker thread; the event loop "
                          "stays free, and every tick comes on time.",
                          late)};

    // 3. Debug mode's reports.
    const int reports = slow_step_reports(run);
    QuizQuestion q3;
    q3.question = {"Wie oft meldet asyncio „Executing <Task …> took … seconds“?",
                   "How many times does asyncio report \"Executing <Task …> took … seconds\"?"};
    q3.choices = number_choices({0, 1, 2, 3, reports});
    q3.answer = count(reports);
    if (!debug) {
        q3.explanation =
            pitfall ? Text{format("%d. Der Debug-Modus ist aus: asyncio misst dann nicht, wie lange ein Schritt "
                                  "dauert, und schweigt, obwohl die Event Loop zweimal festhing.",
                                  reports),
                           format("%d. Debug mode is off: asyncio then does not time the steps and stays silent, "
                                  "although the event loop was stuck twice.",
                                  reports)}
                    : Text{format("%d. Der Debug-Modus ist aus, und es gibt auch nichts zu melden: Die Event Loop "
                                  "war nie blockiert.",
                                  reports),
                           format("%d. Debug mode is off, and there would be nothing to report anyway: the event "
                                  "loop was never blocked.",
                                  reports)};
    } else {
        q3.explanation =
            pitfall
                ? Text{format("%d. Die beiden Schritte mit time.sleep halten die Event Loop je %s lang fest, "
                              "nicht kürzer als slow_callback_duration (0,100 s): Der Debug-Modus meldet "
                              "jeden davon.",
                              reports, work_text.de.c_str()),
                       format("%d. The two steps with time.sleep hold the event loop for %s each, no less than "
                              "slow_callback_duration (0.100 s): debug mode reports both.",
                              reports, work_text.en.c_str())}
                : Text{format("%d. Der Debug-Modus ist an, aber kein Schritt hält die Event Loop 0,100 s oder "
                              "länger fest: Das Warten erledigt ein Worker-Thread.",
                              reports),
                       format("%d. Debug mode is on, but no step holds the event loop for 0.100 s or more: a "
                              "worker thread does the waiting.",
                              reports)};
    }
    return {q1, q2, q3};
}

}  // namespace

Lesson make_blocking() {
    namespace text = embedded::blocking;
    Lesson l;
    l.id = "blocking";
    l.title = {"Blockiere nie die Event Loop", "Never block the event loop"};
    l.parameters = {
        parameter("work", {"Dauer einer Anfrage", "Time per request"}, 0.25, 2, 0.25, 1, "s"),
        parameter("tick", {"Takt des Heartbeats", "Heartbeat interval"}, 0.05, 0.25, 0.05, 0.1, "s"),
        parameter("debug", {"Debug-Modus", "Debug mode"}, 0, 1, 1, 0),
    };
    l.has_pitfall = true;
    l.pitfall = {"time.sleep direkt in der Coroutine", "time.sleep right in the coroutine"};
    l.scenario = &blocking::scenario;
    l.quiz = &quiz;
    l.python_source = text::python;
    l.cpp_source = text::cpp;
    l.text_de = text::text_de;
    l.text_en = text::text_en;
    // The heartbeat's longest gap against the length of a request: flat at one interval while
    // the handler waits with await, growing with every second that time.sleep holds the loop.
    l.sweep = {"work", {"Längste Pause zwischen zwei Ticks", "Longest gap between two ticks"}, "s", &longest_gap};
    return l;
}

}  // namespace lessons
