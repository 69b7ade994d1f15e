// Lesson 6, "100,000 tasks": its descriptor and its quiz.
#include <lessons/format.hpp>
#include <lessons/lesson.hpp>
#include <lessons/quiz_support.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lessons::embedded::many_tasks {
extern const std::string_view python, cpp, text_de, text_en;
}

namespace lessons::many_tasks {
aio::Task<void> scenario(const lessons::Params& p, bool pitfall);
}

namespace lessons {

namespace {

// The most tasks that waited for a permit at the same time, read from the trace: a task waits
// from its Suspended on a semaphore until its Woken.
int most_waiting_at_semaphore(const Run& run) {
    if (!run.recorder) return 0;
    std::vector<char> waiting;  // by task id
    int now = 0, most = 0;
    for (const aio::TraceEvent& e : *run.recorder) {
        if (e.kind == aio::TraceEventKind::Suspended && e.wait == aio::WaitKind::Semaphore) {
            if (waiting.size() <= e.task) waiting.resize(e.task + 1, 0);
            waiting[e.task] = 1;
            most = std::max(most, ++now);
        } else if (e.kind == aio::TraceEventKind::Woken && e.task < waiting.size() && waiting[e.task]) {
            waiting[e.task] = 0;
            --now;
        }
    }
    return most;
}

// Wrong answers that could pass for the right one (within 10 %) are left out.
std::vector<double> apart_from(double answer, std::vector<double> others) {
    std::vector<double> out;
    for (double v : others)
        if (std::abs(v - answer) > 0.1 * answer) out.push_back(v);
    return out;
}

std::vector<QuizQuestion> quiz(const Run& run, const Params& p, bool pitfall) {
    const Facts& facts = run.facts;
    const int urls = p.integer("urls");
    const int limit = p.integer("limit");
    const double latency = p["latency"];

    // 1. The most requests in flight at once.
    const int peak = facts.last("peak") ? static_cast<int>(facts.last("peak")->value) : 0;
    QuizQuestion q1;
    q1.question = {"Wie viele Requests sind höchstens gleichzeitig unterwegs?",
                   "What is the largest number of requests in flight at once?"};
    q1.choices = number_choices({1, limit, urls, peak});
    q1.answer = count(peak);
    q1.explanation = pitfall
        ? Text{format("%d, also alle. Ohne Semaphore wartet kein Task: Jeder schickt seinen Request sofort "
                      "los. Das wären %d offene Verbindungen und %d Antworten gleichzeitig im Speicher, und "
                      "der Server bekommt alles auf einmal ab.", peak, peak, peak),
               format("%d, which is all of them. Without a semaphore no task waits; each one sends its "
                      "request at once. In a real crawler that would be %d open connections and %d responses "
                      "in memory at the same time, and the server would take the whole load at once.", peak, peak, peak)}
        : urls <= limit
        ? Text{format("%d: Es gibt nicht mehr URLs als Plätze in der Semaphore (%d), also bekommt jeder Task "
                      "sofort einen und keiner muss warten.", peak, limit),
               format("%d: there are no more URLs than semaphore permits (%d), so every task gets one at once "
                      "and nobody waits.", peak, limit)}
        : Text{format("%d: Die Semaphore hat %d Plätze, und alle %d Tasks teilen sich dieselbe. Wer keinen "
                      "Platz bekommt, stellt sich an.", peak, limit, urls),
               format("%d: the semaphore has %d permits, and all %d tasks share the same one. A task that "
                      "gets no permit waits in line.", peak, limit, urls)};

    // 2. How long the crawl takes.
    const double took = facts.last("done") ? facts.last("done")->value : run.end_time;
    const double slowest = 1.5 * latency;                    // one request at its longest
    const double one_by_one = urls * latency;                // every request after the other
    const double waves = std::ceil(static_cast<double>(urls) / limit);
    const double batches = waves * slowest;                  // batches of `limit`, each as slow as its slowest
    const double with_semaphore = waves * latency;           // rounds of `limit` at the mean latency
    const Text took_text = seconds(took);
    QuizQuestion q2;
    q2.question = {"Wie lange dauert der ganze Crawl?", "How long does the whole crawl take?"};
    q2.choices = seconds_choices(
        apart_from(took, pitfall ? std::vector<double>{one_by_one, with_semaphore}
                                 : std::vector<double>{one_by_one, slowest, batches}),
        took);
    q2.answer = took_text;
    q2.explanation = pitfall
        ? Text{format("%s: Alle %d Requests laufen gleichzeitig, also bestimmt der langsamste das Ende (bis zu "
                      "1,5 × %s). Schnell, aber nur, weil hier kein Server Nein sagt.",
                      took_text.de.c_str(), urls, seconds(latency).de.c_str()),
               format("%s: all %d requests run at once, so the slowest one decides the end (up to 1.5 × %s). "
                      "Fast, but only because no server here says no.",
                      took_text.en.c_str(), urls, seconds(latency).en.c_str())}
        : urls <= limit
        ? Text{format("%s: Für %d URLs reichen die %d Plätze, also laufen alle Requests gleichzeitig, und der "
                      "langsamste bestimmt das Ende (bis zu 1,5 × %s).",
                      took_text.de.c_str(), urls, limit, seconds(latency).de.c_str()),
               format("%s: %d permits are enough for %d URLs, so all requests run at once and the slowest one "
                      "decides the end (up to 1.5 × %s).",
                      took_text.en.c_str(), limit, urls, seconds(latency).en.c_str())}
        : Text{format("%s: %d URLs bei %d Plätzen sind rund %.0f Runden zu je etwa %s. Ein frei gewordener "
                      "Platz geht sofort an den nächsten wartenden Task, niemand wartet auf den langsamsten "
                      "einer Gruppe. Einer nach dem anderen bräuchte etwa %s.",
                      took_text.de.c_str(), urls, limit, waves, seconds(latency).de.c_str(),
                      seconds(one_by_one).de.c_str()),
               format("%s: %d URLs with %d permits are about %.0f rounds of roughly %s each. A freed permit "
                      "goes to the next waiting task at once, so nobody waits for the slowest of a batch. One "
                      "after the other it would take about %s.",
                      took_text.en.c_str(), urls, limit, waves, seconds(latency).en.c_str(),
                      seconds(one_by_one).en.c_str())};

    // 3. How many tasks wait for a permit at once.
    const int waiting = most_waiting_at_semaphore(run);
    QuizQuestion q3;
    q3.question = {"Wie viele Tasks warten höchstens gleichzeitig an der Semaphore?",
                   "What is the largest number of tasks waiting at the semaphore at once?"};
    std::vector<int> q3_choices = {0, limit, urls, waiting};
    if (urls > limit) q3_choices.push_back(urls - limit);
    q3.choices = number_choices(q3_choices);
    q3.answer = count(waiting);
    q3.explanation = pitfall
        ? Text{format("%d: Ohne Semaphore wartet keiner, und genau das ist das Problem. Alle %d Tasks sind "
                      "gleichzeitig mit ihrem Request beschäftigt.", waiting, urls),
               format("%d: without a semaphore nobody waits, and that is the problem: all %d tasks are busy "
                      "with their request at the same time.", waiting, urls)}
        : waiting == 0
        ? Text{format("0: Die Semaphore hat %d Plätze, mindestens so viele, wie es URLs gibt (%d). Jeder Task "
                      "bekommt sofort einen, keiner muss warten.", limit, urls),
               format("0: the semaphore has %d permits, at least as many as there are URLs (%d). Every task gets "
                      "one at once and nobody waits.", limit, urls)}
        : Text{format("%d: Alle Tasks entstehen auf einmal, die ersten %d bekommen einen Platz, der Rest stellt "
                      "sich an. Ein wartender Task kostet keine Rechenzeit, nur ein paar hundert Byte "
                      "Speicher (in CPython etwa ein Kilobyte).", waiting, std::min(limit, urls)),
               format("%d: all tasks are created at once, the first %d get a permit, the rest wait in line. A "
                      "waiting task costs no CPU time, only a few hundred bytes of memory (about a kilobyte "
                      "in CPython).", waiting, std::min(limit, urls))};
    return {q1, q2, q3};
}

}  // namespace

Lesson make_many_tasks() {
    Lesson l;
    l.id = "many-tasks";
    l.title = {"100.000 Tasks", "100,000 tasks"};
    l.parameters = {
        parameter("urls", {"URLs (ein Task pro URL)", "URLs (one task each)"}, 100, 100000, 100, 1000),
        parameter("limit", {"Plätze der Semaphore", "Semaphore permits"}, 10, 1000, 10, 100),
        parameter("latency", {"Mittlere Antwortzeit", "Mean response time"}, 0.1, 1.0, 0.1, 0.2, "s"),
    };
    l.has_pitfall = true;
    l.pitfall = {"Ohne Semaphore: alle Requests auf einmal", "No semaphore: every request at once"};
    l.scenario = &many_tasks::scenario;
    l.quiz = &quiz;
    l.python_source = embedded::many_tasks::python;
    l.cpp_source = embedded::many_tasks::cpp;
    l.text_de = embedded::many_tasks::text_de;
    l.text_en = embedded::many_tasks::text_en;
    // The crawl against the permits: more permits, fewer rounds. With the pitfall the permits
    // change nothing.
    l.sweep = {"limit", {"Dauer des Crawls", "Time to crawl"}, "s", [](const Run& run) {
                   const Fact* done = run.facts.last("done");
                   return done ? done->value : run.end_time;
               }};
    return l;
}

}  // namespace lessons
