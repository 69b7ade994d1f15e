// Lesson 1, "Event loop and coroutines": its descriptor and its quiz.
#include <lessons/format.hpp>
#include <lessons/lesson.hpp>
#include <lessons/quiz_support.hpp>

#include <algorithm>
#include <charconv>
#include <string>
#include <string_view>
#include <vector>

namespace lessons::embedded::event_loop {
extern const std::string_view python, cpp, text_de, text_en;
}

namespace lessons::event_loop {
aio::Task<void> scenario(const lessons::Params& p, bool pitfall);
}

namespace lessons {

namespace {

std::vector<QuizQuestion> quiz(const Run& run, const Params& p, bool pitfall) {
    const std::vector<std::string> lines = log_messages(run.log);
    const double a = p["delay_a"], b = p["delay_b"], c = p["delay_c"];

    // 1. The total that main printed.
    double total = 0;
    for (const std::string& m : lines) {
        if (m.rfind("total ", 0) == 0) std::from_chars(m.data() + 6, m.data() + m.size(), total);
    }
    QuizQuestion q1;
    q1.question = {"Wie lange braucht main insgesamt?", "How long does main take in total?"};
    q1.choices = seconds_choices({a + b + c, std::max({a, b, c}), a + c, std::min({a, b, c})}, total);
    q1.answer = seconds(total);
    if (pitfall) {
        q1.explanation = {
            format("Nur step-a und step-c laufen wirklich: %.1f s + %.1f s = %.3f s. step-b wurde "
                   "ohne await aufgerufen und hat nie gewartet.", a, c, total),
            format("Only step-a and step-c really run: %.1f s + %.1f s = %.3f s. step-b was called "
                   "without await and never waited.", a, c, total)};
    } else {
        q1.explanation = {
            format("Jedes await wartet, bis sein Schritt fertig ist, also addieren sich die Zeiten: "
                   "%.1f + %.1f + %.1f = %.3f s.", a, b, c, total),
            format("Each await waits until its step has finished, so the times add up: "
                   "%.1f + %.1f + %.1f = %.3f s.", a, b, c, total)};
    }

    // 2. How many steps reached their "done" line.
    int done = 0;
    for (const std::string& m : lines) done += ends_with(m, " done") ? 1 : 0;
    QuizQuestion q2;
    q2.question = {"Wie viele Schritte schreiben „done“ ins Log?", "How many steps log \"done\"?"};
    q2.choices = {"0", "1", "2", "3"};
    q2.answer = std::to_string(done);
    q2.explanation = pitfall
        ? Text{format("%d. Ein Coroutine-Aufruf ohne await führt keine einzige Zeile seines Körpers "
                      "aus: step-b startet nie.", done),
               format("%d. Calling a coroutine function without await runs not a single line of its "
                      "body: step-b never starts.", done)}
        : Text{format("%d: Jeder Schritt wird mit await bis zum Ende ausgeführt.", done),
               format("%d: every step is awaited and runs to its end.", done)};

    // 3. How often the event loop gave the word to main (its steps in the trace).
    std::uint32_t main_id = 0;
    int resumed = 0;
    if (run.recorder) {
        for (const aio::TraceEvent& e : *run.recorder) {
            if (e.kind == aio::EventKind::TaskCreated && e.text == "main" && main_id == 0) main_id = e.task;
            if (e.kind == aio::EventKind::StepBegin && e.task == main_id && main_id != 0) ++resumed;
        }
    }
    const int sleeps = resumed - 1;
    QuizQuestion q3;
    q3.question = {"Wie oft gibt die Event Loop main das Wort (Schritte von main)?",
                   "How many times does the event loop give main the word (steps of main)?"};
    for (int n = std::max(1, resumed - 2); n <= resumed + 1; ++n) q3.choices.push_back(std::to_string(n));
    q3.answer = std::to_string(resumed);
    q3.explanation = {
        format("%d: einmal zum Start und dann nach jedem der %d sleep-Aufrufe, auf die main (über die "
               "Schritte) wartet. Dazwischen hat main die Kontrolle an die Event Loop abgegeben.",
               resumed, sleeps),
        format("%d: once to start, then once after each of the %d sleeps that main waits for (through "
               "its steps). In between, main has handed control back to the event loop.",
               resumed, sleeps)};

    return {q1, q2, q3};
}

}  // namespace

Lesson make_event_loop() {
    Lesson l;
    l.id = "event-loop";
    l.title = {"Event Loop und Coroutines", "Event loop and coroutines"};
    l.parameters = {
        parameter("delay_a", {"Dauer von step-a", "Duration of step-a"}, 0.1, 1.0, 0.1, 0.3, "s"),
        parameter("delay_b", {"Dauer von step-b", "Duration of step-b"}, 0.1, 1.0, 0.1, 0.5, "s"),
        parameter("delay_c", {"Dauer von step-c", "Duration of step-c"}, 0.1, 1.0, 0.1, 0.2, "s"),
    };
    l.has_pitfall = true;
    l.pitfall = {"await vergessen („never awaited“)", "Forgotten await (\"never awaited\")"};
    l.scenario = &event_loop::scenario;
    l.quiz = &quiz;
    l.python_source = embedded::event_loop::python;
    l.cpp_source = embedded::event_loop::cpp;
    l.text_de = embedded::event_loop::text_de;
    l.text_en = embedded::event_loop::text_en;
    // The awaited steps run one after the other: each second of step-b adds to the total. With the
    // pitfall step-b never runs, and its duration stops mattering.
    l.sweep = {"delay_b", {"Gesamtlaufzeit", "Total run time"}, "s", {}};
    return l;
}

}  // namespace lessons
