// Lesson "Async iteration and context managers": its descriptor and its quiz.
#include <lessons/format.hpp>
#include <lessons/lesson.hpp>
#include <lessons/quiz_support.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace lessons::embedded::async_iteration {
extern const std::string_view python, cpp, text_de, text_en;
}

namespace lessons::async_iteration {
aio::Task<void> scenario(const Params& p, bool pitfall);
}

namespace lessons {

namespace {

constexpr std::string_view kLoopTask = "a task of the event loop";

// A task as the quiz names it: the loop's finalizer task has no name of its own.
Text task_text(const std::string& who) {
    if (who == kLoopTask) return {"ein neuer Task der Event Loop", "a new task of the event loop"};
    return same(who);
}

std::vector<QuizQuestion> quiz(const Run& run, const Params& p, bool pitfall) {
    const Facts& facts = run.facts;
    const int pages = p.integer("pages");
    const int stop = p.integer("stop");
    const bool breaks = stop < pages;  // otherwise the reader reads every page and the generator ends

    // 1. Where the search stream's cleanup runs.
    const Fact* cleanup = facts.last("stream-cleanup:search");
    const std::string who = cleanup ? cleanup->who : std::string();
    QuizQuestion q1;
    q1.question = {"In welchem Task läuft das Aufräumen (finally) des Such-Streams?",
                   "In which task does the search stream's cleanup (finally) run?"};
    q1.choices = {same("main"), same("reader"), same("follower"), task_text(std::string(kLoopTask))};
    q1.answer = task_text(who);
    if (!breaks) {
        q1.explanation = {format("Im Task reader. Der Reader liest alle %d Seiten; nach der letzten läuft der "
                                 "Generator zu Ende, und sein finally läuft im selben __anext__, also im Task, "
                                 "der iteriert.",
                                 pages),
                          format("In the task reader. The reader reads all %d pages; after the last one the "
                                 "generator runs to its end, and its finally runs inside that same __anext__, "
                                 "in the task that iterates.",
                                 pages)};
    } else if (pitfall) {
        q1.explanation = {"In einem neuen Task der Event Loop. Nach dem break hängt der Generator an seinem yield, "
                          "und niemand ruft aclose() auf. Erst als die Variable pages mit dem Ende von reader "
                          "verschwindet, ruft Python den Finalizer-Hook der Event Loop, und der startet aclose() "
                          "in einem eigenen Task.",
                          "In a new task of the event loop. After the break the generator hangs at its yield, and "
                          "nobody calls aclose(). Only when the variable pages goes away at the end of reader does "
                          "Python call the event loop's finalizer hook, which starts aclose() in a task of its own."};
    } else {
        q1.explanation = {"Im Task reader. aclosing ruft beim Verlassen des async with aclose() auf: GeneratorExit "
                          "fliegt am yield, das finally läuft sofort, im Task, der aclose() awaitet.",
                          "In the task reader. Leaving the async with, aclosing calls aclose(): GeneratorExit is "
                          "raised at the yield, and the finally runs at once, in the task that awaits aclose()."};
    }

    // 2. How long the search stream stayed open after the reader's last page.
    const Fact* last_page = facts.last("page", "reader");
    const Fact* closed = facts.last("stream-closed", "search");
    const double open_for = last_page && closed ? closed->time - last_page->time : 0;
    const double latency = p["latency"];
    QuizQuestion q2;
    q2.question = {"Wie lange nach der letzten Seite des Readers ist der Such-Stream geschlossen („search: stream closed“)?",
                   "How long after the reader's last page is the search stream closed (\"search: stream closed\")?"};
    q2.choices = seconds_choices({0.05, latency + 0.05, 0.5, 0.6, 0.65}, open_for);
    q2.answer = seconds(open_for);
    const Text open_text = seconds(open_for);
    if (breaks && pitfall) {
        q2.explanation = {format("%s. Der Stream bleibt offen, während reader rendert (0,500 s) und die Verbindung "
                                 "schließt (0,100 s); erst danach räumt der Task der Event Loop auf, und das "
                                 "Abmelden beim Server dauert noch 0,050 s. Die Verbindung ist da schon zu.",
                                 open_text.de.c_str()),
                          format("%s. The stream stays open while reader renders (0.500 s) and closes the "
                                 "connection (0.100 s); only then does the event loop's task clean up, and telling "
                                 "the server to stop takes another 0.050 s. By then the connection is gone.",
                                 open_text.en.c_str())};
    } else {
        q2.explanation = {format("%s: nur die 0,050 s, die das Abmelden beim Server dauert. Das finally läuft "
                                 "direkt nach der letzten Seite.",
                                 open_text.de.c_str()),
                          format("%s: just the 0.050 s that telling the server to stop takes. The finally runs "
                                 "right after the last page.",
                                 open_text.en.c_str())};
    }

    // 3. Updates the follower got before main cancelled it.
    const int updates = facts.count("update");
    QuizQuestion q3;
    q3.question = {"Wie viele Updates bekommt der follower, bevor main ihn abbricht?",
                   "How many updates does the follower get before main cancels it?"};
    q3.choices = number_choices({updates - 1, updates, updates + 1, updates + 2});
    q3.answer = count(updates);
    q3.explanation = {format("%d. Der follower holt alle %s eine Seite, bis reader fertig ist. Der Abbruch trifft "
                             "ihn im await innerhalb des Generators: Dort fliegt CancelledError, das finally des "
                             "Generators räumt im Task follower auf, dann endet der Task als abgebrochen.",
                             updates, seconds(latency).de.c_str()),
                      format("%d. The follower fetches one page every %s until reader is done. The cancellation "
                             "hits it at the await inside the generator: CancelledError is raised there, the "
                             "generator's finally cleans up in the task follower, and then the task ends "
                             "cancelled.",
                             updates, seconds(latency).en.c_str())};
    return {q1, q2, q3};
}

// The search stream's time open after the reader's last page (the sweep's figure).
double stream_open_after_last_page(const Run& run) {
    const Fact* last_page = run.facts.last("page", "reader");
    const Fact* closed = run.facts.last("stream-closed", "search");
    return last_page && closed ? closed->time - last_page->time : 0;
}

}  // namespace

Lesson make_async_iteration() {
    namespace text = embedded::async_iteration;
    Lesson l;
    l.id = "async-iteration";
    l.title = {"Async-Iteration und Kontextmanager", "Async iteration and context managers"};
    l.parameters = {
        parameter("pages", {"Seiten im Suchergebnis", "Pages in the search result"}, 2, 8, 1, 5),
        parameter("latency", {"Latenz pro Seite", "Latency per page"}, 0.05, 0.4, 0.05, 0.2, "s"),
        parameter("stop", {"Reader hört auf nach Seite", "Reader stops after page"}, 1, 8, 1, 3),
    };
    l.has_pitfall = true;
    l.pitfall = {"break ohne aclosing", "break without aclosing"};
    l.scenario = &async_iteration::scenario;
    l.quiz = &quiz;
    l.python_source = text::python;
    l.cpp_source = text::cpp;
    l.text_de = text::text_de;
    l.text_en = text::text_en;
    // How long the search stream stays open after the reader's last page, against the page it
    // stops after: with the pitfall on, long while it breaks early, short once it reads them all.
    l.sweep = {"stop", {"Stream offen nach der letzten Seite", "Stream open after the last page"}, "s",
               &stream_open_after_last_page};
    return l;
}

}  // namespace lessons
