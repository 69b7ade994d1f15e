// Lesson 3, "TaskGroup and cancellation": its descriptor and its quiz.
#include <lessons/format.hpp>
#include <lessons/lesson.hpp>
#include <lessons/quiz_support.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace lessons::embedded::taskgroup_cancel {
extern const std::string_view python, cpp, text_de, text_en;
}

namespace lessons::taskgroup_cancel {
aio::Task<void> scenario(const lessons::Params& p, bool pitfall);
}

namespace lessons {

namespace {

// When the group's error reached main: the time main caught it, else the end of the run.
double caught_at(const Run& run) {
    const Fact* caught = run.facts.first("caught");
    return caught ? caught->time : run.end_time;
}

std::vector<QuizQuestion> quiz(const Run& run, const Params& p, bool /*pitfall*/) {
    const Facts& facts = run.facts;
    const double fail_at = p["fail_at"], work = p["work"], cleanup = p["cleanup"];
    const Text failed = seconds(fail_at), needs = seconds(work), tidy = decimal(cleanup, 1, "s");

    // 1. When the exception group reaches main.
    const double caught = caught_at(run);
    const bool download_cancelled = facts.count("download-cancelled") > 0;
    QuizQuestion q1;
    q1.question = {"Wann kommt die ExceptionGroup der TaskGroup bei main an?",
                   "When does the TaskGroup's ExceptionGroup reach main?"};
    q1.choices = seconds_choices({fail_at, fail_at + cleanup, work, work + cleanup}, caught);
    q1.answer = seconds(caught);
    if (download_cancelled) {
        q1.explanation = {
            format("Um %s: parse scheitert um %s. Die Gruppe bricht download ab und wartet, bis "
                   "download aufgeräumt hat (%s). Erst dann wirft sie die ExceptionGroup, und except* ValueError "
                   "in main fängt den ValueError daraus.",
                   seconds(caught).de.c_str(), failed.de.c_str(), tidy.de.c_str()),
            format("At %s: parse fails at %s. The group cancels download and waits for its cleanup (%s). "
                   "Only then does it raise the ExceptionGroup, and except* ValueError in main catches "
                   "the ValueError inside it.",
                   seconds(caught).en.c_str(), failed.en.c_str(), tidy.en.c_str())};
    } else {
        q1.explanation = {
            format("Um %s: download war schon um %s fertig, es gibt nichts abzubrechen. Die Gruppe wirft, "
                   "sobald parse scheitert.",
                   seconds(caught).de.c_str(), needs.de.c_str()),
            format("At %s: download had already finished at %s, so there is nothing to cancel. The group "
                   "raises as soon as parse fails.",
                   seconds(caught).en.c_str(), needs.en.c_str())};
    }

    // 2. How download ends.
    const Text done{"fertig", "done"}, cancelled{"abgebrochen", "cancelled"};
    QuizQuestion q2;
    q2.question = {"Wie endet download?", "How does download end?"};
    q2.choices = {done, cancelled};
    q2.answer = download_cancelled ? cancelled : done;
    const Text work_s = decimal(work, 1, "s"), fail_s = decimal(fail_at, 1, "s");
    q2.explanation = download_cancelled
        ? Text{format("Abgebrochen: download bräuchte %s, aber parse scheitert schon nach %s. Scheitert ein "
                      "Task in einer TaskGroup, bricht die Gruppe seine Geschwister ab.",
                      work_s.de.c_str(), fail_s.de.c_str()),
               format("Cancelled: download would need %s, but parse fails after only %s. When a task "
                      "fails inside a TaskGroup, the group cancels its siblings.",
                      work_s.en.c_str(), fail_s.en.c_str())}
        : Text{format("Fertig: Mit %s ist download durch, bevor parse nach %s scheitert. Abgebrochen "
                      "wird nur, wer dann noch läuft.",
                      work_s.de.c_str(), fail_s.de.c_str()),
               format("Done: needing %s, download finishes before parse fails after %s. Only tasks "
                      "that are still running get cancelled.",
                      work_s.en.c_str(), fail_s.en.c_str())};

    // 3. The saver's end: its cleanup after cancel(), or the deadlock of the pitfall.
    QuizQuestion q3;
    if (!run.deadlock) {
        const Fact* asked = facts.first("cancel-requested");
        const Fact* over = facts.first("saver-over");
        const double took = asked && over ? over->time - asked->time : 0;
        q3.question = {"Wie lange nach cancel() ist der Task saver wirklich vorbei?",
                       "How long after cancel() is the saver task really over?"};
        q3.choices = seconds_choices({0.0, cleanup, p["cancel_at"], took});
        q3.answer = seconds(took);
        q3.explanation = {
            format("%s: cancel() ist nur eine Bitte. Der saver bekommt den CancelledError an seinem "
                   "await, räumt %s lang auf und wirft ihn dann weiter. So lange wartet main.",
                   seconds(took).de.c_str(), tidy.de.c_str()),
            format("%s: cancel() is only a request. The saver receives the CancelledError at its await, "
                   "cleans up for %s and then re-raises it; main waits that long.",
                   seconds(took).en.c_str(), tidy.en.c_str())};
    } else {
        const Text waiting = joined(run.waiting);
        q3.question = {"Welche Tasks warten noch, als die Event Loop den Deadlock meldet?",
                       "Which tasks are still waiting when the event loop reports the deadlock?"};
        q3.choices = {same("main"), same("saver"), joined({"main", "saver"}), joined({"download", "parse"})};
        q3.answer = waiting;
        q3.explanation = {
            format("%s: Der saver hat den Abbruch verschluckt und wartet auf einen Job, der nie kommt, und "
                   "main wartet auf den saver. In Python hängt das Programm an dieser Stelle für immer.",
                   waiting.de.c_str()),
            format("%s: the saver swallowed the cancellation and waits for a job that never comes; main "
                   "waits for the saver. In Python the program hangs here forever.",
                   waiting.en.c_str())};
    }
    return {q1, q2, q3};
}

}  // namespace

Lesson make_taskgroup_cancel() {
    Lesson l;
    l.id = "taskgroup-cancel";
    l.title = {"TaskGroup und Abbruch", "TaskGroup and cancellation"};
    l.parameters = {
        parameter("fail_at", {"parse scheitert nach", "parse fails after"}, 0.1, 1.0, 0.1, 0.3, "s"),
        parameter("work", {"Dauer von download", "Duration of download"}, 0.1, 1.0, 0.1, 0.6, "s"),
        parameter("cleanup", {"Dauer des Aufräumens", "Cleanup time"}, 0.0, 0.5, 0.1, 0.2, "s"),
        parameter("cancel_at", {"main bricht saver ab nach", "main cancels saver after"}, 0.1, 1.0, 0.1, 0.4, "s"),
    };
    l.has_pitfall = true;
    l.pitfall = {"CancelledError verschlucken", "Swallow CancelledError"};
    l.scenario = &taskgroup_cancel::scenario;
    l.quiz = &quiz;
    l.python_source = embedded::taskgroup_cancel::python;
    l.cpp_source = embedded::taskgroup_cancel::cpp;
    l.text_de = embedded::taskgroup_cancel::text_de;
    l.text_en = embedded::taskgroup_cancel::text_en;
    // When the group ends: at the failure plus download's cleanup while download still runs,
    // at the failure itself once download has finished first.
    l.sweep = {"fail_at", {"Ende der TaskGroup", "End of the TaskGroup"}, "s", &caught_at};
    return l;
}

}  // namespace lessons
