// Lesson 1, "Event loop and coroutines": its descriptor and its quiz.
#include <lessons/format.hpp>
#include <lessons/lesson.hpp>

#include <algorithm>
#include <charconv>
#include <set>
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

// The messages of the run's log, without their "t=… " stamps.
std::vector<std::string> messages(const Run& run) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos < run.log.size()) {
        std::size_t end = run.log.find('\n', pos);
        if (end == std::string::npos) end = run.log.size();
        const std::string line = run.log.substr(pos, end - pos);
        const std::size_t space = line.find(' ');
        if (line.rfind("t=", 0) == 0 && space != std::string::npos) out.push_back(line.substr(space + 1));
        pos = end + 1;
    }
    return out;
}

bool ends_with(std::string_view s, std::string_view tail) {
    return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

// "0.300 s" as the log prints a duration.
std::string seconds(double s) { return format("%.3f s", s); }

// The offered durations: distinct, the answer among them, in increasing order.
std::vector<std::string> duration_choices(std::vector<double> candidates, double answer) {
    candidates.push_back(answer);
    std::set<std::string> seen;
    std::vector<double> values;
    for (double c : candidates) {
        if (seen.insert(seconds(c)).second) values.push_back(c);
    }
    std::sort(values.begin(), values.end());
    std::vector<std::string> out;
    for (double v : values) out.push_back(seconds(v));
    return out;
}

std::vector<QuizQuestion> quiz(const Run& run, const Params& p, bool pitfall) {
    const std::vector<std::string> lines = messages(run);
    const double a = p["delay_a"], b = p["delay_b"], c = p["delay_c"];

    // 1. The total that main printed.
    double total = 0;
    for (const std::string& m : lines) {
        if (m.rfind("total ", 0) == 0) std::from_chars(m.data() + 6, m.data() + m.size(), total);
    }
    QuizQuestion q1;
    q1.question = {"Wie lange braucht main insgesamt?", "How long does main take in total?"};
    q1.choices = duration_choices({a + b + c, std::max({a, b, c}), a + c, std::min({a, b, c})}, total);
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

Parameter delay(const char* id, const char* de, const char* en, double value) {
    Parameter p;
    p.id = id;
    p.label = {de, en};
    p.min = 0.1;
    p.max = 1.0;
    p.step = 0.1;
    p.default_value = value;
    p.unit = "s";
    return p;
}

}  // namespace

Lesson make_event_loop() {
    Lesson l;
    l.id = "event-loop";
    l.title = {"Event Loop und Coroutines", "Event loop and coroutines"};
    l.parameters = {
        delay("delay_a", "Dauer von step-a", "Duration of step-a", 0.3),
        delay("delay_b", "Dauer von step-b", "Duration of step-b", 0.5),
        delay("delay_c", "Dauer von step-c", "Duration of step-c", 0.2),
    };
    l.has_pitfall = true;
    l.pitfall = {"await vergessen („never awaited“)", "Forgotten await (\"never awaited\")"};
    l.scenario = &event_loop::scenario;
    l.quiz = &quiz;
    l.python_source = embedded::event_loop::python;
    l.cpp_source = embedded::event_loop::cpp;
    l.text_de = embedded::event_loop::text_de;
    l.text_en = embedded::event_loop::text_en;
    return l;
}

}  // namespace lessons
