// Lesson 10, "Threads versus coroutines": its descriptor and its quiz. The model runs in virtual
// time (part 1 plays the operating system with a seeded coin); live_threads.py, shown beside the
// listing, measures real threads against asyncio tasks.
#include <lessons/format.hpp>
#include <lessons/lesson.hpp>
#include <lessons/quiz_support.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace lessons::embedded::threads {
extern const std::string_view python, cpp, text_de, text_en, live_threads;
}

namespace lessons::threads {
aio::Task<void> scenario(const Params& p, bool pitfall);

namespace {

int value_of(const Facts& facts, std::string_view what) {
    const Fact* f = facts.last(what);
    return f ? static_cast<int>(f->value) : 0;
}

// The workers of one part ("thread-" or "task-") that lost updates by their write.
std::vector<std::string> losers(const Facts& facts, std::string_view prefix) {
    std::vector<std::string> names;
    for (const Fact& f : facts.all_of("lost"))
        if (f.who.starts_with(prefix)) names.push_back(f.who);
    return names;
}

// The counter's possible ends around `answer`: 1 (everybody read 0), the full count, and the
// neighbours of the answer.
std::vector<Text> counter_choices(int answer, int workers) {
    return number_choices({1, std::max(1, answer - 1), answer, std::min(workers, answer + 1), workers});
}

// "1 Update" / "1 update", "2 Updates" / "2 updates".
Text updates_text(int n) { return {format("%d Update%s", n, n == 1 ? "" : "s"), format("%d update%s", n, n == 1 ? "" : "s")}; }

std::vector<QuizQuestion> quiz(const Run& run, const Params& p, bool pitfall) {
    const Facts& facts = run.facts;
    const int workers = p.integer("workers");
    const int chance = p.integer("chance");
    const int threads_counter = value_of(facts, "threads-counter");
    const int tasks_counter = value_of(facts, "tasks-counter");
    const int threads_lost = workers - threads_counter;
    const int tasks_lost = workers - tasks_counter;
    std::vector<std::string> switched;
    for (const Fact& f : facts.all_of("os-switch")) switched.push_back(f.who);
    const int switches = static_cast<int>(switched.size());
    const bool apart = p["stagger"] > 0;
    const Text gap = seconds(p["stagger"]);

    // 1. The threads' counter.
    QuizQuestion q1;
    q1.question = {format("Welchen Wert hat counter, nachdem alle %d Threads fertig sind?", workers),
                   format("What is the counter once all %d threads are done?", workers)};
    q1.choices = counter_choices(threads_counter, workers);
    q1.answer = count(threads_counter);
    if (threads_lost > 0) {
        const std::vector<std::string> late = losers(facts, "thread-");
        const Text who = joined(late);
        const Text lost = updates_text(threads_lost);
        q1.explanation = {
            format("%d statt %d: %s verloren. Das Betriebssystem hat Threads zwischen Lesen und Schreiben die CPU "
                   "weggenommen, in der Lücke hat ein anderer Thread geschrieben, und danach %s %s einen veralteten "
                   "Wert + 1 darüber.",
                   threads_counter, workers, lost.de.c_str(), late.size() == 1 ? "schrieb" : "schrieben",
                   who.de.c_str()),
            format("%d instead of %d: %s lost. The OS took the CPU away from threads between their read and their "
                   "write, another thread wrote in the gap, and then %s wrote a stale value + 1 over it.",
                   threads_counter, workers, lost.en.c_str(), who.en.c_str())};
    } else if (switches == 0) {
        q1.explanation = {
            format("%d: Diesmal hat das Betriebssystem keinen Thread zwischen Lesen und Schreiben unterbrochen "
                   "(Chance %d %%), also ging nichts verloren. Der Code ist trotzdem nicht sicher, er hatte nur "
                   "Glück.",
                   threads_counter, chance),
            format("%d: this time the OS interrupted no thread between its read and its write (chance %d %%), so "
                   "nothing got lost. The code is still not safe; it was lucky.",
                   threads_counter, chance)};
    } else {
        q1.explanation = {
            apart ? format("%d: Das Betriebssystem hat zwar unterbrochen, aber die Antworten kommen %s auseinander: "
                           "In der Lücke war kein anderer Thread bereit, der den Zähler hätte anfassen können. "
                           "Kommen zwei Antworten gleichzeitig, gehen wieder Updates verloren.",
                           threads_counter, gap.de.c_str())
                  : format("%d: Das Betriebssystem hat zwar unterbrochen, aber in der Lücke hat kein anderer Thread "
                           "geschrieben. Das war Glück, kein sicherer Code.",
                           threads_counter),
            apart ? format("%d: the OS did interrupt, but the replies arrive %s apart: no other thread was ready to "
                           "touch the counter in the gap. Let two replies arrive together and updates get lost again.",
                           threads_counter, gap.en.c_str())
                  : format("%d: the OS did interrupt, but no other thread wrote in the gap. That was luck, not safe "
                           "code.",
                           threads_counter)};
    }

    // 2. The switches, and what they cost.
    QuizQuestion q2;
    q2.question = {"Wie oft hat das Betriebssystem einem Thread zwischen Lesen und Schreiben die CPU weggenommen?",
                   "How many times did the OS take the CPU away from a thread between its read and its write?"};
    q2.choices = number_choices({0, switches, threads_lost, workers / 2, workers});
    q2.answer = count(switches);
    if (switches == 0) {
        q2.explanation = {
            format("Kein einziges Mal (Chance %d %%), also ging auch nichts verloren. Ein echtes Betriebssystem "
                   "verspricht das nie: Es kann nach jedem Befehl wechseln.",
                   chance),
            format("Not once (chance %d %%), so nothing got lost either. A real OS never promises that: it may "
                   "switch after any instruction.",
                   chance)};
    } else {
        const Text who = joined(switched);
        const Text lost = threads_lost == 0 ? Text{"dabei ging nichts", "nothing got"}
                          : Text{format("dabei %s %s", threads_lost == 1 ? "ging" : "gingen",
                                        updates_text(threads_lost).de.c_str()),
                                 updates_text(threads_lost).en + " got"};
        q2.explanation = {
            format("%s (%s), und %s verloren. Eine Unterbrechung kostet nur dann ein Update, wenn ein "
                   "anderer Thread in der Lücke schreibt. Ob die Stelle ungünstig ist, fragt das Betriebssystem "
                   "nicht: Wen es trifft, ist Zufall.",
                   switches == 1 ? "Einmal" : format("%d-mal", switches).c_str(), who.de.c_str(), lost.de.c_str()),
            format("%s (%s), and %s lost. An interruption costs an update only when another thread writes in the "
                   "gap. The OS does not check whether the moment is a bad one: which threads it hits is chance.",
                   switches == 1 ? "Once" : format("%d times", switches).c_str(), who.en.c_str(), lost.en.c_str())};
    }

    // 3. The tasks' counter.
    QuizQuestion q3;
    q3.question = {format("Welchen Wert hat counter, nachdem alle %d Tasks fertig sind?", workers),
                   format("What is the counter once all %d tasks are done?", workers)};
    q3.choices = counter_choices(tasks_counter, workers);
    q3.answer = count(tasks_counter);
    if (!pitfall) {
        q3.explanation = {
            format("%d, bei jeder Einstellung der Regler: Zwischen Lesen und Schreiben steht kein await. Ein Task "
                   "gibt die Event Loop nur bei einem await ab, also kann dort kein anderer dazwischenkommen.",
                   tasks_counter),
            format("%d, whatever the sliders say: there is no await between the read and the write. A task gives "
                   "up the event loop only at an await, so no other task can get in between.",
                   tasks_counter)};
    } else if (tasks_lost > 0) {
        const Text tasks_lost_text = updates_text(tasks_lost);
        q3.explanation = {
            format("%d statt %d: %s verloren. Das await auf den Audit-Eintrag zwischen Lesen und Schreiben gibt die "
                   "Event Loop ab, und die anderen Tasks lesen in der Zeit denselben alten Wert. Ein await ist ein "
                   "Wechselpunkt, ganz gleich, wie kurz es dauert.",
                   tasks_counter, workers, tasks_lost_text.de.c_str()),
            format("%d instead of %d: %s lost. The await for the audit record between the read and the write "
                   "gives up the event loop, and the other tasks read the same old value meanwhile. An await is a "
                   "switch point, however short it is.",
                   tasks_counter, workers, tasks_lost_text.en.c_str())};
    } else {
        q3.explanation = {
            format("%d: Das await zwischen Lesen und Schreiben ließe andere Tasks dazwischen, aber die Antworten "
                   "kommen %s auseinander, und in der Lücke ist kein anderer Task bereit. Stell den Abstand auf 0, "
                   "dann gehen auch hier Updates verloren.",
                   tasks_counter, gap.de.c_str()),
            format("%d: the await between the read and the write would let other tasks in, but the replies arrive "
                   "%s apart and no other task is ready in the gap. Set the gap to 0 and updates get lost here too.",
                   tasks_counter, gap.en.c_str())};
    }
    return {q1, q2, q3};
}

}  // namespace
}  // namespace lessons::threads

namespace lessons {

Lesson make_threads() {
    namespace text = embedded::threads;
    Lesson l;
    l.id = "threads";
    l.title = {"Threads und Coroutinen im Vergleich", "Threads versus coroutines"};
    l.parameters = {
        parameter("workers", {"Worker (Threads, dann Tasks)", "Workers (threads, then tasks)"}, 2, 8, 1, 4),
        parameter("chance", {"Wechselchance des Betriebssystems", "The OS's chance to switch"}, 0, 100, 25, 50, "%"),
        parameter("reply", {"Wartezeit auf die Antwort", "Wait for the reply"}, 0.1, 0.5, 0.1, 0.2, "s"),
        parameter("stagger", {"Abstand zwischen den Antworten", "Gap between the replies"}, 0, 0.04, 0.01, 0, "s"),
    };
    l.has_pitfall = true;
    l.pitfall = {"await zwischen Lesen und Schreiben", "An await between read and write"};
    l.scenario = &threads::scenario;
    l.quiz = &threads::quiz;
    l.python_source = text::python;
    l.cpp_source = text::cpp;
    l.text_de = text::text_de;
    l.text_en = text::text_en;
    l.live_listings = {{"live_threads.py", text::live_threads, "--n 1000"}};
    // The updates the threads lose against the OS's chance to switch: none at 0 %, nearly all at 100 %.
    l.sweep = {"chance", {"Verlorene Updates der Threads", "Updates lost by the threads"}, "", [](const Run& run) {
                   const Fact* lost = run.facts.last("threads-lost");
                   return lost ? lost->value : 0.0;
               }};
    return l;
}

}  // namespace lessons
