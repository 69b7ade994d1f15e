// Lesson 2, "Tasks and gather": its descriptor and its quiz.
#include <lessons/format.hpp>
#include <lessons/lesson.hpp>
#include <lessons/quiz_support.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace lessons::embedded::tasks_gather {
extern const std::string_view python, cpp, text_de, text_en;
}

namespace lessons::tasks_gather {
aio::Task<void> scenario(const lessons::Params& p, bool pitfall);
}

namespace lessons {

namespace {

const char* const names[] = {"fetch-a", "fetch-b", "fetch-c"};

std::vector<QuizQuestion> quiz(const Run& run, const Params& p, bool pitfall) {
    const Facts& facts = run.facts;
    const double delays[] = {p["delay_a"], p["delay_b"], p["delay_c"]};
    const double slowest = std::max({delays[0], delays[1], delays[2]});
    const double fastest = std::min({delays[0], delays[1], delays[2]});
    const double sum = delays[0] + delays[1] + delays[2];

    // 1. The total that main measured.
    const double total = facts.last("total") ? facts.last("total")->value : 0;
    QuizQuestion q1;
    q1.question = {"Wie lange braucht main insgesamt?", "How long does main take in total?"};
    q1.choices = seconds_choices({sum, slowest, fastest}, total);
    q1.answer = seconds(total);
    q1.explanation = {
        format("%s: Die drei Tasks laufen nebeneinander. Deshalb bestimmt der langsamste Aufruf (%s) die "
               "Dauer und nicht die Summe (%s).",
               seconds(total).de.c_str(), decimal(slowest, 1, "s").de.c_str(), decimal(sum, 1, "s").de.c_str()),
        format("%s: the three tasks run side by side, so the slowest call (%s) sets the time, not the "
               "sum (%s).",
               seconds(total).en.c_str(), decimal(slowest, 1, "s").en.c_str(), decimal(sum, 1, "s").en.c_str())};

    // 2. Which task finished (or failed) first.
    const std::string first = facts.first("finished") ? facts.first("finished")->who : std::string();
    int at_fastest = 0;
    for (double d : delays) at_fastest += d == fastest ? 1 : 0;
    QuizQuestion q2;
    q2.question = {"Welcher Task ist als erster fertig?", "Which task finishes first?"};
    q2.choices = {same(names[0]), same(names[1]), same(names[2])};
    q2.answer = same(first);
    const Text tie = at_fastest > 1
        ? Text{" Sind mehrere Tasks gleich schnell, kommen sie in der Reihenfolge dran, in der sie "
               "erzeugt wurden.",
               " Several tasks are equally fast: they then take turns in the order they were created."}
        : Text{};
    q2.explanation = {
        format("%s: Er braucht am wenigsten Zeit (%s).%s Die Ergebnisse von gather stehen trotzdem in der "
               "Reihenfolge der Argumente: a, b, c.",
               first.c_str(), decimal(fastest, 1, "s").de.c_str(), tie.de.c_str()),
        format("%s: it needs the least time (%s).%s gather still lists the results in argument "
               "order: a, b, c.",
               first.c_str(), decimal(fastest, 1, "s").en.c_str(), tie.en.c_str())};

    // 3. What became of the failure.
    QuizQuestion q3;
    if (!pitfall) {
        int errors = 0;
        for (const Fact& f : facts.all_of("result")) errors += f.value != 0 ? 1 : 0;
        q3.question = {"Wie viele Einträge in results sind Exceptions?",
                       "How many entries of results are exceptions?"};
        q3.choices = number_choices({0, 1, 2, 3});
        q3.answer = count(errors);
        q3.explanation = {
            format("%d. Mit return_exceptions=True wirft gather nicht, sondern liefert jede Exception als "
                   "Ergebnis an ihrem Platz in der Liste.", errors),
            format("%d. With return_exceptions=True gather does not raise: each exception comes back as "
                   "a result, in its place in the list.", errors)};
    } else if (facts.count("gather-raised") > 0) {
        // The possible answers: none, and every combination of the calls that do not fail.
        std::vector<std::string> others;
        for (int i = 0; i < 3; ++i) {
            if (i + 1 != p.integer("failing")) others.push_back(names[i]);
        }
        std::vector<std::string> running;
        for (const Fact& f : facts.all_of("still-running")) running.push_back(f.who);
        const Text raised = joined(running);
        q3.question = {"Welche Tasks laufen noch, als gather die Exception weitergibt?",
                       "Which tasks are still running when gather raises?"};
        q3.choices = {joined({}), same(others[0]), same(others[1]), joined(others)};
        q3.answer = raised;
        if (running.empty()) {
            q3.explanation = {
                "Keine: Die anderen Tasks waren schon fertig, als der Fehler kam. gather gibt die erste "
                "Exception sofort weiter, bricht aber nie andere Tasks ab. Mach den fehlschlagenden Aufruf "
                "schneller, dann siehst du die anderen weiterlaufen.",
                "None: the other tasks had already finished when the error came. gather raises the first "
                "exception at once but never cancels other tasks: make the failing call faster and you "
                "will see them keep running."};
        } else {
            q3.explanation = {
                format("%s. gather gibt die erste Exception sofort weiter, bricht die anderen Tasks aber "
                       "nicht ab: Sie laufen weiter, und main wartet hier mit asyncio.wait auf sie.",
                       raised.de.c_str()),
                format("%s. gather raises the first exception at once but does not cancel the other "
                       "tasks: they keep running, and here main waits for them with asyncio.wait.",
                       raised.en.c_str())};
        }
    } else {
        int done = 0;
        for (const Fact& f : facts.all_of("finished")) done += f.value == 0 ? 1 : 0;
        q3.question = {"Wie viele Tasks schreiben „done“ ins Log?", "How many tasks log \"done\"?"};
        q3.choices = number_choices({0, 1, 2, 3});
        q3.answer = count(done);
        q3.explanation = {
            format("%d: Kein Aufruf scheitert, also liefert gather einfach alle Ergebnisse.", done),
            format("%d: no call fails, so gather simply returns every result.", done)};
    }
    return {q1, q2, q3};
}

}  // namespace

Lesson make_tasks_gather() {
    Lesson l;
    l.id = "tasks-gather";
    l.title = {"Tasks und gather", "Tasks and gather"};
    l.parameters = {
        parameter("delay_a", {"Dauer von fetch-a", "Duration of fetch-a"}, 0.1, 1.0, 0.1, 0.3, "s"),
        parameter("delay_b", {"Dauer von fetch-b", "Duration of fetch-b"}, 0.1, 1.0, 0.1, 0.5, "s"),
        parameter("delay_c", {"Dauer von fetch-c", "Duration of fetch-c"}, 0.1, 1.0, 0.1, 0.2, "s"),
        parameter("failing", {"Welcher Aufruf scheitert (0 = keiner)", "Failing call (0 = none)"}, 0, 3, 1, 1),
    };
    l.has_pitfall = true;
    l.pitfall = {"gather ohne return_exceptions", "gather without return_exceptions"};
    l.scenario = &tasks_gather::scenario;
    l.quiz = &quiz;
    l.python_source = embedded::tasks_gather::python;
    l.cpp_source = embedded::tasks_gather::cpp;
    l.text_de = embedded::tasks_gather::text_de;
    l.text_en = embedded::tasks_gather::text_en;
    // Side by side, the slowest call decides: flat while fetch-b is slower, then rising.
    l.sweep = {"delay_a", {"Gesamtlaufzeit", "Total run time"}, "s", {}};
    return l;
}

}  // namespace lessons
