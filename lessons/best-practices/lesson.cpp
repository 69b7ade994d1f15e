// The "best-practices" lesson: seven rules, each shown before (pitfall on) and after (pitfall off).
#include <lessons/format.hpp>
#include <lessons/lesson.hpp>
#include <lessons/quiz_support.hpp>

#include <algorithm>
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
    {{"Jede Anfrage bekommt eine neue Session mit leerem Verbindungspool und muss die Verbindung (samt TLS) "
      "neu aufbauen.",
      "Every request gets a new session with an empty connection pool and has to connect (and do TLS) again."},
     {"Die Session baut ihre Verbindung einmal auf, alle weiteren Anfragen verwenden sie wieder.",
      "The session connects once, and every later request reuses that connection."}},
    {{"Ohne Timeout wartet main ewig auf einen Server, der nie antwortet. Dirigent meldet einen Deadlock, "
      "echtes Python bliebe einfach hängen.",
      "Without a timeout main waits forever for a server that never answers. Dirigent reports a deadlock; "
      "real Python would simply hang."},
     {"wait_for bricht nach 0,5 s ab, und das Programm läuft weiter.",
      "wait_for gives up after 0.5 s and the program goes on."}},
    {{"Ohne task_done() zählt die Queue nie herunter, und join() kehrt nie zurück: Deadlock.",
      "Without task_done() the queue never counts down, and join() never returns: deadlock."},
     {"Jedes get() bekommt sein task_done(), und join() kehrt zurück, sobald alles erledigt ist.",
      "Every get() gets its task_done(), and join() returns once everything is done."}},
    {{"Der Timeout läuft nach 0,5 s ab und bricht den Job ab. Der Job verschluckt aber den CancelledError, "
      "deshalb entsteht kein TimeoutError, und der Block läuft weiter, bis der Job nach 1,5 s fertig ist.",
      "The timeout fires at 0.5 s and cancels the job. But the job swallows the CancelledError, so no "
      "TimeoutError is raised, and the block runs on until the job ends at 1.5 s."},
     {"Der Job räumt auf und wirft den CancelledError weiter; am Ende des Blocks macht der Timeout daraus "
      "einen TimeoutError.",
      "The job cleans up and re-raises the CancelledError; at the end of the block the timeout turns it into "
      "a TimeoutError."}},
    {{"Jeder Aufruf legt seine eigene Semaphore an, also begrenzt keine etwas.",
      "Every call creates a semaphore of its own, so none of them limits anything."},
     {"Alle teilen sich eine Semaphore, höchstens zwei laufen gleichzeitig.",
      "All share one semaphore; at most two run at once."}},
    {{"asyncio.run() in einer laufenden Event Loop wirft sofort einen RuntimeError; work() läuft gar nicht erst "
      "los.",
      "asyncio.run() inside a running event loop raises RuntimeError at once; work() never even starts."},
     {"In der Event Loop wartest du einfach mit await auf work().", "Inside the event loop you simply await work()."}},
    {{"Jede Abfrage öffnet ihre eigene Verbindung und bezahlt den Aufbau.",
      "Every query opens its own connection and pays for it."},
     {"Der Pool öffnet die Verbindung einmal und verleiht sie.", "The pool opens the connection once and lends it."}},
};

// The ways a run of this lesson can end, as the first question offers them.
const Text FINE{"läuft ohne Fehler durch", "runs through without an error"};
const Text DEADLOCK{"Deadlock", "deadlock"};
const Text CAUGHT_RUNTIME{"RuntimeError wird gefangen", "RuntimeError is caught"};
const Text CAUGHT_TIMEOUT{"TimeoutError wird gefangen", "TimeoutError is caught"};
const Text SWALLOWED{"Timeout abgelaufen, aber kein TimeoutError", "the timeout fired, but no TimeoutError"};

Text ending_of(const Run& run) {
    const Facts& facts = run.facts;
    if (run.deadlock) return DEADLOCK;
    if (facts.first("caught", "RuntimeError")) return CAUGHT_RUNTIME;
    if (facts.first("caught", "TimeoutError")) return CAUGHT_TIMEOUT;
    if (facts.first("timeout-swallowed")) return SWALLOWED;
    return FINE;
}

// The time of the first fact with this key (and who), 0 when there is none.
double time_of(const Facts& facts, std::string_view what, std::string_view who = {}) {
    const Fact* f = facts.first(what, who);
    return f ? f->time : 0;
}

int value_of(const Facts& facts, std::string_view what) {
    const Fact* f = facts.last(what);
    return f ? static_cast<int>(f->value) : 0;
}

// "At 0.500 s. <why>" in both languages.
Text at(double t, const Text& why) {
    return {format("Um %s. %s", seconds(t).de.c_str(), why.de.c_str()),
            format("At %s. %s", seconds(t).en.c_str(), why.en.c_str())};
}

std::vector<QuizQuestion> quiz(const Run& run, const Params& p, bool pitfall) {
    const int rule = std::clamp(p.integer("rule"), 1, 7);
    const Outcome& why = WHY[rule - 1];
    const Text& shown = pitfall ? why.before : why.after;
    const Facts& facts = run.facts;
    std::vector<QuizQuestion> qs;

    QuizQuestion q1;
    q1.question = {"Wie geht dieser Lauf aus?", "How does this run end?"};
    q1.choices = {FINE, DEADLOCK, CAUGHT_RUNTIME, CAUGHT_TIMEOUT, SWALLOWED};
    q1.answer = ending_of(run);
    q1.explanation = shown;
    qs.push_back(q1);

    QuizQuestion q2;
    q2.explanation = shown;
    if (rule == 1 || rule == 7) {
        const int opened = value_of(facts, "connections-opened");
        q2.question = {"Wie viele Verbindungen wurden geöffnet?", "How many connections were opened?"};
        q2.choices = number_choices({1, 2, 3, 4, opened});
        q2.answer = count(opened);
    } else if (rule == 5) {
        const int peak = value_of(facts, "peak");
        q2.question = {"Wie viele Anfragen liefen höchstens gleichzeitig?",
                       "How many requests ran at most at the same time?"};
        q2.choices = number_choices({1, 2, 3, 5, peak});
        q2.answer = count(peak);
    } else if (run.deadlock) {  // rules 2 and 3 before
        const int waiting = static_cast<int>(run.waiting.size());
        q2.question = {"Wie viele Tasks warten noch, als Dirigent den Deadlock meldet?",
                       "How many tasks are still waiting when Dirigent reports the deadlock?"};
        q2.choices = number_choices({0, 1, 2, 3, waiting});
        q2.answer = count(waiting);
        q2.explanation =
            rule == 2
                ? Text{"1: nur main. hanging_request() ist eine Coroutine, auf die main direkt wartet, kein "
                       "eigener Task; main wartet also selbst auf ein Event, das niemand setzt.",
                       "1: only main. hanging_request() is a coroutine that main awaits directly, not a task "
                       "of its own, so main itself waits for an event that nobody sets."}
                : Text{format("%d: main wartet in join(), der Worker in get() auf ein Item, das nie kommt. "
                              "Ohne task_done() bleiben alle drei Items für die Queue offen.",
                              waiting),
                       format("%d: main waits in join(), the worker in get() for an item that never comes. "
                              "Without task_done() the queue counts all three items as open.",
                              waiting)};
    } else if (rule == 2) {
        const double t = time_of(facts, "caught", "TimeoutError");
        q2.question = {"Wann fängt main den TimeoutError?", "At what time does main catch the TimeoutError?"};
        q2.choices = seconds_choices({0.0, t + 0.5, t + 1.0}, t);
        q2.answer = seconds(t);
        q2.explanation = at(t, shown);
    } else if (rule == 3) {
        const double t = time_of(facts, "joined");
        q2.question = {"Wann kehrt q.join() zurück?", "At what time does q.join() return?"};
        q2.choices = seconds_choices({0.0, 0.1, t + 0.5}, t);
        q2.answer = seconds(t);
        q2.explanation = at(t, Text{"Der Worker braucht 0,1 s pro Item, und nach dem dritten task_done() ist "
                                    "nichts mehr offen.",
                                    "The worker takes 0.1 s per item, and after the third task_done() nothing "
                                    "is open any more."});
    } else if (rule == 4) {
        const double t = pitfall ? time_of(facts, "timeout-swallowed") : time_of(facts, "caught", "TimeoutError");
        q2.question = {"Wann geht es in main nach dem timeout-Block weiter?",
                       "At what time does main go on after the timeout block?"};
        q2.choices = seconds_choices({0.5, 1.0, 1.5, 2.5}, t);
        q2.answer = seconds(t);
        q2.explanation = at(t, shown);
    } else {  // rule 6
        const int done = facts.count("work-done");
        q2.question = {"Wie oft läuft work() bis zum Ende?", "How many times does work() run to its end?"};
        q2.choices = number_choices({0, 1, 2, done});
        q2.answer = count(done);
    }
    qs.push_back(q2);
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
