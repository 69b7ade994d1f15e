// Lesson 15, "Task lifetime and debugging": its descriptor and its quiz.
#include <lessons/format.hpp>
#include <lessons/lesson.hpp>
#include <lessons/quiz_support.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace lessons::embedded::task_lifetime {
extern const std::string_view python, cpp, text_de, text_en;
}

namespace lessons::task_lifetime {
aio::Task<void> scenario(const Params& p, bool pitfall);
}

namespace lessons {

namespace {

// "Task exception was never retrieved" reports in the trace: the loop writes them when the last
// handle on a failed task goes and nobody has read its exception.
std::vector<const aio::TraceEvent*> never_retrieved(const Run& run) {
    std::vector<const aio::TraceEvent*> out;
    if (run.recorder)
        for (const aio::TraceEvent& e : *run.recorder)
            if (e.kind == aio::TraceEventKind::ExceptionNeverRetrieved) out.push_back(&e);
    return out;
}

// When the log first shows the failing job's error (-1: no job fails): the done callback's
// report, or the loop's "never retrieved" line. The sweep's figure too.
double error_seen_at(const Run& run) {
    if (const Fact* f = run.facts.first("reported")) return f->time;
    const auto reports = never_retrieved(run);
    if (!reports.empty()) return static_cast<double>(reports.front()->time_ns) / 1e9;
    return -1;
}

std::vector<QuizQuestion> quiz(const Run& run, const Params& p, bool pitfall) {
    const Facts& facts = run.facts;
    const int jobs = p.integer("jobs");
    const double latency = p["latency"];
    std::vector<QuizQuestion> out;

    // 1. all_tasks() right after the jobs were created.
    const Fact* listed_fact = facts.first("all-tasks");
    const int listed = listed_fact ? static_cast<int>(listed_fact->value) : 0;
    QuizQuestion q1;
    q1.question = {"Wie viele Tasks listet asyncio.all_tasks() direkt nach der Schleife, die die Jobs startet?",
                   "How many tasks does asyncio.all_tasks() list right after the loop that starts the jobs?"};
    q1.choices = number_choices({jobs - 1, jobs, jobs + 1, jobs + 2, listed});
    q1.answer = count(listed);
    q1.explanation = {
        format("%d: die %d Jobs und main selbst. Noch hat kein Job einen einzigen Schritt gemacht, aber "
               "create_task hat sie schon zu Tasks der Event Loop gemacht. all_tasks() zählt jeden Task, der "
               "noch nicht fertig ist, auch den, der gerade fragt.",
               listed, jobs),
        format("%d: the %d jobs and main itself. No job has taken a single step yet, but create_task has already "
               "made them tasks of the event loop. all_tasks() counts every task that is not done yet, the one "
               "asking included.",
               listed, jobs)};
    out.push_back(q1);

    // 2. A check in the middle: how many jobs are still running.
    const std::vector<Fact> checks = facts.all_of("running");
    if (checks.size() >= 2) {
        const std::size_t k = std::min(checks.size() - 1, static_cast<std::size_t>(jobs / 2));
        const Fact& check = checks[k];
        const int running = static_cast<int>(check.value);
        const Text at = seconds(check.time);
        QuizQuestion q2;
        q2.question = {format("Wie viele Jobs laufen laut all_tasks() bei der Prüfung um t = %s noch?", at.de.c_str()),
                       format("How many jobs are still running, says all_tasks(), at the check at t = %s?", at.en.c_str())};
        q2.choices = number_choices({0, 1, 2, jobs - static_cast<int>(k), jobs, running});
        q2.answer = count(running);
        q2.explanation = {
            format("%d. Job i braucht i · %s. Bis %s ist jeder Job bis job-%zu fertig, auch ein gescheiterter: "
                   "Ein Task mit Exception ist fertig (done) und steht nicht mehr in all_tasks().",
                   running, decimal(latency, 2, "s").de.c_str(), at.de.c_str(), k),
            format("%d. Job i takes i · %s. By %s every job up to job-%zu is done, a failed one too: a task that raised is "
                   "done and no longer in all_tasks().",
                   running, decimal(latency, 2, "s").en.c_str(), at.en.c_str(), k)};
        out.push_back(q2);
    }

    // 3. When the error shows up.
    const Fact* raised = facts.first("raised");
    const double seen = error_seen_at(run);
    if (raised && seen >= 0) {
        const Text raised_at = seconds(raised->time);
        const Text seen_at = seconds(seen);
        const std::string name = raised->who;
        QuizQuestion q3;
        q3.question = {format("Wann erscheint der Fehler von %s zum ersten Mal im Log?", name.c_str()),
                       format("When does the error of %s first show up in the log?", name.c_str())};
        q3.choices = seconds_choices({raised->time, run.end_time, raised->time + latency / 2, jobs * latency}, seen);
        q3.answer = seen_at;
        q3.explanation =
            pitfall
                ? Text{format("Um %s, ganz am Ende. %s scheitert schon um %s, aber niemand liest die Exception: Die "
                              "Liste hält den Task fest, bis main fertig ist. Erst wenn die letzte Referenz "
                              "verschwindet, meldet asyncio „Task exception was never retrieved“, und main hat "
                              "schon „0 jobs failed“ geschrieben.",
                              seen_at.de.c_str(), name.c_str(), raised_at.de.c_str()),
                       format("At %s, at the very end. %s fails at %s already, but nobody reads the exception: the "
                              "list holds on to the task until main is done. Only when the last reference goes does "
                              "asyncio report \"Task exception was never retrieved\", and main has already written "
                              "\"0 jobs failed\".",
                              seen_at.en.c_str(), name.c_str(), raised_at.en.c_str())}
                : Text{format("Um %s, im selben Moment, in dem %s scheitert. Der Done-Callback läuft eine "
                              "Iteration der Event Loop später (ohne dass die Uhr weiterläuft), nimmt den Task aus "
                              "dem Set und liest task.exception(). Damit gilt der Fehler als abgeholt.",
                              seen_at.de.c_str(), name.c_str()),
                       format("At %s, the moment %s fails. The done callback runs one event loop iteration later "
                              "(the clock does not move), takes the task out of the set and reads "
                              "task.exception(). That counts as retrieving the error.",
                              seen_at.en.c_str(), name.c_str())};
        out.push_back(q3);
    }
    return out;
}

}  // namespace

Lesson make_task_lifetime() {
    namespace text = embedded::task_lifetime;
    Lesson l;
    l.id = "task-lifetime";
    l.title = {"Lebensdauer von Tasks und Debugging", "Task lifetime and debugging"};
    l.parameters = {
        parameter("jobs", {"Hintergrund-Jobs", "Background jobs"}, 2, 6, 1, 4),
        parameter("fail", {"Welcher Job scheitert (0: keiner)", "Which job fails (0: none)"}, 0, 6, 1, 2),
        parameter("latency", {"Dauer pro Job-Nummer", "Time per job number"}, 0.1, 0.5, 0.1, 0.3, "s"),
    };
    l.has_pitfall = true;
    l.pitfall = {"Fire and forget: niemand liest das Ergebnis", "Fire and forget: nobody reads the outcome"};
    l.scenario = &task_lifetime::scenario;
    l.quiz = &quiz;
    l.python_source = text::python;
    l.cpp_source = text::cpp;
    l.text_de = text::text_de;
    l.text_en = text::text_en;
    // When the failing job's error first shows up, against which job fails: right when it fails
    // with the done callback, only at the very end with the pitfall.
    l.sweep = {"fail", {"Fehler erscheint im Log um", "Error shows up in the log at"}, "s",
               [](const Run& run) { return std::max(0.0, error_seen_at(run)); }};
    return l;
}

}  // namespace lessons
