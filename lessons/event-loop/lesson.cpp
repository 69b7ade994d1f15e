// Lesson 1, "Event loop and coroutines": its descriptor and its quiz.
#include <lessons/format.hpp>
#include <lessons/lesson.hpp>
#include <lessons/quiz_support.hpp>

#include <algorithm>
#include <cstdint>
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
    const Facts& facts = run.facts;
    const double a = p["delay_a"], b = p["delay_b"], c = p["delay_c"];
    const Text da = decimal(a, 1), db = decimal(b, 1), dc = decimal(c, 1);

    // 1. The total that main measured.
    const double total = facts.last("total") ? facts.last("total")->value : 0;
    const Text shown = seconds(total);
    QuizQuestion q1;
    q1.question = {"Wie lange braucht main insgesamt?", "How long does main take in total?"};
    q1.choices = seconds_choices({a + b + c, std::max({a, b, c}), a + c, std::min({a, b, c})}, total);
    q1.answer = shown;
    if (pitfall) {
        q1.explanation = {
            format("%s: Nur step-a und step-c laufen wirklich, %s s + %s s. step-b wurde ohne await "
                   "aufgerufen und hat keine Sekunde gewartet.",
                   shown.de.c_str(), da.de.c_str(), dc.de.c_str()),
            format("%s: only step-a and step-c really run, %s s + %s s. step-b was called without await "
                   "and never waited at all.",
                   shown.en.c_str(), da.en.c_str(), dc.en.c_str())};
    } else {
        q1.explanation = {
            format("%s: Jedes await wartet, bis sein Schritt fertig ist, also addieren sich die Zeiten: "
                   "%s + %s + %s s.",
                   shown.de.c_str(), da.de.c_str(), db.de.c_str(), dc.de.c_str()),
            format("%s: each await waits until its step has finished, so the times add up: "
                   "%s + %s + %s s.",
                   shown.en.c_str(), da.en.c_str(), db.en.c_str(), dc.en.c_str())};
    }

    // 2. How many steps reached their "done" line.
    const int done = facts.count("step-done");
    QuizQuestion q2;
    q2.question = {"Wie viele Schritte schreiben „done“ ins Log?", "How many steps log \"done\"?"};
    q2.choices = number_choices({0, 1, 2, 3});
    q2.answer = count(done);
    q2.explanation = pitfall
        ? Text{format("%d. Ruft man eine Coroutine-Funktion ohne await auf, läuft keine einzige Zeile "
                      "ihres Körpers: step-b startet nie.", done),
               format("%d. Calling a coroutine function without await runs not a single line of its "
                      "body: step-b never starts.", done)}
        : Text{format("%d: Auf jeden Schritt wird mit await gewartet, also läuft jeder bis zum Ende.", done),
               format("%d: every step is awaited and runs to its end.", done)};

    // 3. How often the event loop resumed main: main's steps in the trace.
    std::uint32_t main_id = 0;
    int resumed = 0;
    if (run.recorder) {
        for (const aio::TraceEvent& e : *run.recorder) {
            if (e.kind == aio::TraceEventKind::TaskCreated && e.text == "main" && main_id == 0) main_id = e.task;
            if (e.kind == aio::TraceEventKind::StepBegin && e.task == main_id && main_id != 0) ++resumed;
        }
    }
    const int sleeps = resumed - 1;
    QuizQuestion q3;
    q3.question = {"Wie oft lässt die Event Loop main weiterlaufen (Schritte von main)?",
                   "How many times does the event loop resume main (steps of main)?"};
    std::vector<int> offered;
    for (int n = std::max(1, resumed - 2); n <= resumed + 1; ++n) offered.push_back(n);
    q3.choices = number_choices(offered);
    q3.answer = count(resumed);
    q3.explanation = {
        format("%d: einmal zum Start und danach jedes Mal, wenn einer der %d sleep-Aufrufe abgelaufen ist, "
               "auf die main über seine Schritte wartet. Dazwischen liegt die Kontrolle bei der Event Loop.",
               resumed, sleeps),
        format("%d: once to start, then each time one of the %d sleeps that main waits for (through its "
               "steps) has run out. In between, control is back with the event loop.",
               resumed, sleeps)};

    return {q1, q2, q3};
}

}  // namespace

Lesson make_event_loop() {
    Lesson l;
    l.id = "event-loop";
    l.title = {"Event Loop und Coroutinen", "Event loop and coroutines"};
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
