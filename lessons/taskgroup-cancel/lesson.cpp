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

// The first line whose message starts with `prefix`, or nullptr.
const LogLine* find_line(const std::vector<LogLine>& lines, std::string_view prefix) {
    for (const LogLine& l : lines) {
        if (std::string_view(l.message).substr(0, prefix.size()) == prefix) return &l;
    }
    return nullptr;
}

// "t=0.500" as the log prints a moment.
std::string moment(double t) { return format("t=%.3f", t); }

std::vector<QuizQuestion> quiz(const Run& run, const Params& p, bool /*pitfall*/) {
    const std::vector<LogLine> lines = log_lines(run.log);
    const double fail_at = p["fail_at"], work = p["work"], cleanup = p["cleanup"];

    // 1. When the exception group reaches main.
    const LogLine* caught = find_line(lines, "caught ExceptionGroup");
    const double caught_at = caught ? caught->time : 0;
    const bool download_cancelled = find_line(lines, "download cancelled") != nullptr;
    QuizQuestion q1;
    q1.question = {"Wann fängt main die ExceptionGroup?", "When does main catch the ExceptionGroup?"};
    q1.choices =
        distinct_sorted(std::vector<double>{fail_at, fail_at + cleanup, work, work + cleanup, caught_at}, moment);
    q1.answer = moment(caught_at);
    if (download_cancelled) {
        q1.explanation = {
            format("Bei %s: parse scheitert bei t=%.3f, die Gruppe bricht download ab und wartet dann noch "
                   "dessen Aufräumen (%.1f s) ab, bevor sie die ExceptionGroup wirft.",
                   moment(caught_at).c_str(), fail_at, cleanup),
            format("At %s: parse fails at t=%.3f, the group cancels download and then waits for its "
                   "cleanup (%.1f s) before it raises the ExceptionGroup.",
                   moment(caught_at).c_str(), fail_at, cleanup)};
    } else {
        q1.explanation = {
            format("Bei %s: download war schon fertig (t=%.3f), es gibt nichts abzubrechen. Die Gruppe "
                   "wirft, sobald parse scheitert.", moment(caught_at).c_str(), work),
            format("At %s: download had already finished (t=%.3f), there is nothing to cancel. The group "
                   "raises as soon as parse fails.", moment(caught_at).c_str(), work)};
    }

    // 2. How download ends.
    QuizQuestion q2;
    q2.question = {"Wie endet download?", "How does download end?"};
    q2.choices = {"done", "cancelled"};
    q2.answer = download_cancelled ? "cancelled" : "done";
    q2.explanation = download_cancelled
        ? Text{format("cancelled: Es bräuchte %.1f s, aber parse scheitert schon nach %.1f s. Eine Task, die "
                      "in einer TaskGroup scheitert, bricht ihre Geschwister ab.", work, fail_at),
               format("cancelled: it would need %.1f s, but parse fails after %.1f s already. A task that "
                      "fails inside a TaskGroup cancels its siblings.", work, fail_at)}
        : Text{format("done: Mit %.1f s ist es fertig, bevor parse nach %.1f s scheitert. Abgebrochen "
                      "wird nur, wer noch läuft.", work, fail_at),
               format("done: needing %.1f s, it finishes before parse fails after %.1f s. Only tasks "
                      "that are still running get cancelled.", work, fail_at)};

    // 3. The saver's end: its cleanup after cancel(), or the deadlock of the pitfall.
    QuizQuestion q3;
    // The loop's report: "t=… deadlock", then one "t=…   waiting: <task>" per task.
    if (find_line(lines, "deadlock") == nullptr) {
        const LogLine* cancelled = find_line(lines, "main cancels saver");
        const LogLine* over = find_line(lines, "saver is cancelled");
        const double took = cancelled && over ? over->time - cancelled->time : 0;
        q3.question = {"Wie lange nach cancel() ist die Task saver wirklich vorbei?",
                       "How long after cancel() is the saver task really over?"};
        q3.choices = seconds_choices({0.0, cleanup, p["cancel_at"], took});
        q3.answer = seconds(took);
        q3.explanation = {
            format("%s: cancel() ist nur eine Bitte. Der saver bekommt den CancelledError bei seinem "
                   "await, räumt %.1f s lang auf und gibt ihn dann weiter; so lange wartet main.",
                   seconds(took).c_str(), cleanup),
            format("%s: cancel() is only a request. The saver receives the CancelledError at its await, "
                   "cleans up for %.1f s and then re-raises it; main waits that long.",
                   seconds(took).c_str(), cleanup)};
    } else {
        std::string waiting;
        const std::string tag = "  waiting: ";
        for (const LogLine& l : lines) {
            if (l.message.rfind(tag, 0) == 0) {
                waiting += (waiting.empty() ? "" : ", ") + l.message.substr(tag.size());
            }
        }
        q3.question = {"Welche Tasks warten noch, als die Event Loop den Deadlock meldet?",
                       "Which tasks are still waiting when the event loop reports the deadlock?"};
        q3.choices = {"main", "saver", "main, saver", "download, parse"};
        q3.answer = waiting;
        q3.explanation = {
            format("%s: Der saver hat den Abbruch verschluckt und wartet auf einen Job, der nie kommt; main "
                   "wartet auf den saver. In Python hängt das Programm hier für immer.", waiting.c_str()),
            format("%s: the saver swallowed the cancellation and waits for a job that never comes; main "
                   "waits for the saver. In Python the program hangs here forever.", waiting.c_str())};
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
    l.sweep = {"fail_at", {"Ende der TaskGroup", "End of the TaskGroup"}, "s", [](const Run& run) {
                   for (const LogLine& line : log_lines(run.log))
                       if (line.message.rfind("caught ExceptionGroup", 0) == 0) return line.time;
                   return run.end_time;
               }};
    return l;
}

}  // namespace lessons
