// The "best-practices" lesson: seven rules, each shown before (pitfall on) and after (pitfall off).
#include <lessons/format.hpp>
#include <lessons/lesson.hpp>
#include <lessons/quiz_support.hpp>

#include <algorithm>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace lessons::embedded::best_practices {
extern const std::string_view python, cpp, text_de, text_en;
}

namespace lessons::best_practices {
aio::Task<void> scenario(const Params& p, bool pitfall);

namespace {

// What each rule's run shows, before and after: {de, en}.
struct Outcome {
    Text before, after;
};
const Outcome WHY[] = {
    {{"Jede Anfrage zahlt den Handshake einer neuen Session.", "Every request pays for a new session's handshake."},
     {"Eine Session, einmal geöffnet, trägt alle Anfragen.", "One session, opened once, carries every request."}},
    {{"Ohne Timeout wartet main ewig auf einen Server, der nie antwortet: die Event Loop meldet einen Deadlock.",
      "Without a timeout main waits forever for a server that never answers: the event loop reports a deadlock."},
     {"wait_for bricht nach 0,5 s ab, und das Programm läuft weiter.",
      "wait_for gives up after 0.5 s and the program goes on."}},
    {{"Ohne task_done() zählt die Queue nie herunter, join() kehrt nie zurück: Deadlock.",
      "Without task_done() the queue never counts down and join() never returns: deadlock."},
     {"Jedes get() bekommt sein task_done(), join() kehrt zurück, sobald alles erledigt ist.",
      "Every get() gets its task_done(); join() returns once everything is done."}},
    {{"Der Job verschluckt den CancelledError, also kann der Timeout nicht greifen: kein TimeoutError.",
      "The job swallows the CancelledError, so the timeout cannot work: no TimeoutError."},
     {"Der Job räumt auf und wirft weiter, der Timeout wird zum TimeoutError.",
      "The job cleans up and re-raises; the timeout turns it into TimeoutError."}},
    {{"Jeder Aufruf hat seine eigene Semaphore, also begrenzt keine etwas.",
      "Every call has a semaphore of its own, so none of them limits anything."},
     {"Alle teilen eine Semaphore, höchstens zwei laufen gleichzeitig.",
      "All share one semaphore; at most two run at once."}},
    {{"asyncio.run() in einer laufenden Event Loop wirft RuntimeError.",
      "asyncio.run() inside a running event loop raises RuntimeError."},
     {"In der Event Loop wird einfach mit await gewartet.", "Inside the event loop you simply await."}},
    {{"Jede Abfrage öffnet ihre eigene Verbindung und zahlt den Aufbau.",
      "Every query opens its own connection and pays for it."},
     {"Der Pool öffnet die Verbindung einmal und verleiht sie.", "The pool opens the connection once and lends it."}},
};

std::vector<QuizQuestion> quiz(const Run& run, const Params& p, bool pitfall) {
    const int rule = std::clamp(p.integer("rule"), 1, 7);
    const Outcome& why = WHY[rule - 1];
    const Text& shown = pitfall ? why.before : why.after;
    const std::vector<LogLine> lines = log_lines(run.log);
    std::vector<QuizQuestion> qs;

    bool caught_runtime = false;
    for (const LogLine& l : lines) caught_runtime = caught_runtime || l.message == "caught RuntimeError";
    const std::string ending = run.deadlock ? "deadlock" : caught_runtime ? "caught RuntimeError" : "OK";
    qs.push_back({
        {"Wie geht dieser Lauf aus?", "How does this run turn out?"},
        {"OK", "deadlock", "caught RuntimeError"},
        ending,
        shown,
    });

    // A number the run's last summary line prints, or the time of its last line.
    int counted = -1;
    for (const LogLine& l : lines) {
        int n = 0;
        if (std::sscanf(l.message.c_str(), "3 requests done, sessions opened: %d", &n) == 1 ||
            std::sscanf(l.message.c_str(), "4 queries done, connections opened: %d", &n) == 1 ||
            std::sscanf(l.message.c_str(), "5 requests done, at most %d at once", &n) == 1)
            counted = n;
    }
    if (counted >= 0) {
        qs.push_back({
            rule == 5 ? Text{"Wie viele Anfragen liefen höchstens gleichzeitig?",
                             "How many requests ran at most at the same time?"}
                      : Text{"Wie viele Verbindungen (Sessions) wurden geöffnet?",
                             "How many connections (sessions) were opened?"},
            number_choices({1, 2, counted, rule == 1 ? 3 : rule == 7 ? 4 : 5}),
            std::to_string(counted),
            shown,
        });
    } else if (!lines.empty()) {
        const double last = lines.back().time;
        const std::string answer = seconds(last);
        std::vector<std::string> choices{seconds(0.0), answer, seconds(last + 0.5), seconds(last + 1.0)};
        // Sorted as text, not by value, as this quiz always did.
        std::sort(choices.begin(), choices.end());
        choices.erase(std::unique(choices.begin(), choices.end()), choices.end());
        qs.push_back({
            {"Zu welcher Zeit (Loop-Zeit) steht die letzte Zeile im Log?",
             "At what loop time is the last line of the log written?"},
            choices,
            answer,
            {format("Bei %.3f s. %s", last, shown.de.c_str()), format("At %.3f s. %s", last, shown.en.c_str())},
        });
    }
    return qs;
}

}  // namespace
}  // namespace lessons::best_practices

namespace lessons {

Lesson make_best_practices() {
    namespace text = embedded::best_practices;
    Lesson l;
    l.id = "best-practices";
    l.title = {"Best Practices: vorher und nachher", "Best practices: before and after"};
    l.parameters = {
        {"rule", {"Regel (1–7)", "Rule (1–7)"}, 1, 7, 1, 1, ""},
    };
    l.has_pitfall = true;
    l.pitfall = {"Vorher (der Fehler)", "Before (the mistake)"};
    l.scenario = &best_practices::scenario;
    l.quiz = &best_practices::quiz;
    l.python_source = text::python;
    l.cpp_source = text::cpp;
    l.text_de = text::text_de;
    l.text_en = text::text_en;
    // Each rule's run time, before (pitfall) or after the fix.
    l.sweep = {"rule", {"Laufzeit der Regel", "Run time of the rule"}, "s", {}};
    return l;
}

}  // namespace lessons
