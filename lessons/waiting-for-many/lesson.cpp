// Lesson 14, "Waiting for many": its descriptor and its quiz.
#include <lessons/format.hpp>
#include <lessons/lesson.hpp>
#include <lessons/quiz_support.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace lessons::embedded::waiting_for_many {
extern const std::string_view python, cpp, text_de, text_en;
}

namespace lessons::waiting_for_many {
aio::Task<void> scenario(const lessons::Params& p, bool pitfall);
}

namespace lessons {

namespace {

// How long main waited for the first mirror's answer (the end of the run if none came).
double first_answer(const Run& run) {
    const Fact* winner = run.facts.first("winner");
    return winner ? winner->value : run.end_time;
}

std::vector<QuizQuestion> quiz(const Run& run, const Params& p, bool pitfall) {
    const Facts& facts = run.facts;

    // 1. The first download that as_completed hands over.
    std::vector<Text> files;
    std::vector<std::string> order;
    for (const Fact& f : facts.all_of("download-latency")) files.push_back(same(f.who));
    for (const Fact& f : facts.all_of("handed-over")) order.push_back(f.who);
    const std::string first = order.empty() ? std::string() : order.front();
    const Fact* first_latency = facts.first("download-latency", first);
    const Text took = seconds(first_latency ? first_latency->value : 0);
    const Text finishing = joined(order);
    QuizQuestion q1;
    q1.question = {"Welchen Download reicht as_completed als Erstes an main weiter?",
                   "Which download does as_completed hand to main first?"};
    q1.choices = files;
    q1.answer = same(first);
    q1.explanation = {
        format("%s: Dieser Download braucht am wenigsten Zeit (%s), und as_completed reicht die Ergebnisse in der "
               "Reihenfolge weiter, in der sie fertig werden: %s. gather nennt dieselben Ergebnisse trotzdem "
               "in der Reihenfolge seiner Argumente, a.zip zuerst.",
               first.c_str(), took.de.c_str(), finishing.de.c_str()),
        format("%s: it needs the least time (%s), and as_completed hands the results over in the order "
               "they finish: %s. gather still lists the same results in argument order, a.zip first.",
               first.c_str(), took.en.c_str(), finishing.en.c_str())};

    // 2. What is still pending when wait() returns.
    std::vector<std::string> pending, failed_done;
    for (const Fact& f : facts.all_of("pending")) pending.push_back(f.who);
    for (const Fact& f : facts.all_of("done"))
        if (f.value != 0) failed_done.push_back(f.who);
    const Fact* started = facts.first("uploads-start");
    const Fact* returned = facts.first("wait-returned");
    const Text after = seconds(started && returned ? returned->time - started->time : 0);
    const Text limit = seconds(p["timeout"]);
    const Text still = joined(pending);
    QuizQuestion q2;
    q2.question = {"Wie viele Uploads sind noch pending, als wait() zurückkehrt?",
                   "How many uploads are still pending when wait() returns?"};
    q2.choices = number_choices({0, 1, 2, 3, 4, static_cast<int>(pending.size())});
    q2.answer = count(static_cast<long long>(pending.size()));
    if (!failed_done.empty()) {
        const Text who = joined(failed_done);
        q2.explanation = {
            format("%zu: Nach %s scheitert %s, und FIRST_EXCEPTION beendet das Warten noch vor dem Timeout "
                   "von %s. Pending bleibt: %s. Niemand bricht diese Tasks ab, sie laufen einfach weiter.",
                   pending.size(), after.de.c_str(), who.de.c_str(), limit.de.c_str(), still.de.c_str()),
            format("%zu: after %s %s fails, and FIRST_EXCEPTION ends the wait before the timeout of %s. Still "
                   "pending: %s. Nobody cancels those tasks; they simply keep running.",
                   pending.size(), after.en.c_str(), who.en.c_str(), limit.en.c_str(), still.en.c_str())};
    } else if (!pending.empty()) {
        q2.explanation = {
            format("%zu: Nach %s ist der Timeout um. wait() wirft dabei nichts, es gibt nur zurück, was "
                   "fertig ist und was nicht. Pending: %s. Diese Tasks laufen weiter, und main wartet danach "
                   "auf sie.",
                   pending.size(), limit.de.c_str(), still.de.c_str()),
            format("%zu: after %s the timeout is over. wait() raises nothing; it only returns what is done and "
                   "what is not. Pending: %s. Those tasks keep running, and main waits for them afterwards.",
                   pending.size(), limit.en.c_str(), still.en.c_str())};
    } else {
        q2.explanation = {"0: Alle Uploads sind fertig, bevor der Timeout abläuft.",
                          "0: every upload is over before the timeout runs out."};
    }

    // 3. How many losers main cancels.
    const Fact* winner = facts.first("winner");
    const std::string winner_name = winner ? winner->who : std::string();
    const Text won_after = seconds(first_answer(run));
    const int cancelled_by_main = facts.count("cancel");
    const int mirrors = p.integer("mirrors");
    QuizQuestion q3;
    q3.question = {"Wie viele Verlierer bricht main ab?", "How many losers does main cancel?"};
    std::vector<int> counts;
    for (int n = 0; n < mirrors; ++n) counts.push_back(n);
    counts.push_back(cancelled_by_main);
    q3.choices = number_choices(counts);
    q3.answer = count(cancelled_by_main);
    if (!pitfall) {
        const int tied = mirrors - 1 - cancelled_by_main;
        const Text tie = tied > 0
            ? Text{tied == 1 ? std::string(" Ein weiterer Mirror antwortet im selben Augenblick und steht mit in done.")
                             : format(" %d weitere Mirrors antworten im selben Augenblick und stehen mit in done.", tied),
                   tied == 1 ? std::string(" One more mirror answers in the same instant and is in done too.")
                             : format(" %d more mirrors answer in the same instant and are in done too.", tied)}
            : Text{};
        q3.explanation = {
            format("%d: %s antwortet nach %s als Erster, wait(FIRST_COMPLETED) kehrt zurück und lässt die "
                   "übrigen in pending.%s main bricht jeden Task in pending ab und wartet, bis sein "
                   "CancelledError angekommen ist.",
                   cancelled_by_main, winner_name.c_str(), won_after.de.c_str(), tie.de.c_str()),
            format("%d: %s answers first, after %s; wait(FIRST_COMPLETED) returns and leaves the others "
                   "pending.%s main cancels every pending task and waits until its CancelledError has "
                   "landed.",
                   cancelled_by_main, winner_name.c_str(), won_after.en.c_str(), tie.en.c_str())};
    } else {
        std::vector<std::string> late, at_end;
        for (const Fact& f : facts.all_of("answered"))
            if (winner && f.time > winner->time) late.push_back(f.who);
        for (const Fact& f : facts.all_of("mirror-cancelled")) at_end.push_back(f.who);
        const Text late_de = late.empty() ? Text{} : Text{
            format(" %s %s trotzdem noch, obwohl niemand mehr zuhört.", joined(late).de.c_str(),
                   late.size() == 1 ? "antwortet" : "antworten"),
            format(" %s still answer%s although nobody listens any more.", joined(late).en.c_str(),
                   late.size() == 1 ? "s" : "")};
        const Text at_end_text = at_end.empty() ? Text{} : Text{
            format(" %s %s noch, als main zurückkehrt; erst asyncio.run bricht %s am Ende ab.",
                   joined(at_end).de.c_str(), at_end.size() == 1 ? "läuft" : "laufen",
                   at_end.size() == 1 ? "ihn" : "sie"),
            format(" %s %s still running when main returns; only asyncio.run cancels %s at the end.",
                   joined(at_end).en.c_str(), at_end.size() == 1 ? "is" : "are",
                   at_end.size() == 1 ? "it" : "them")};
        q3.explanation = {
            format("Keinen: %s gewinnt nach %s, aber main vergisst die anderen.%s%s", winner_name.c_str(),
                   won_after.de.c_str(), late_de.de.c_str(), at_end_text.de.c_str()),
            format("None: %s wins after %s, but main forgets the others.%s%s", winner_name.c_str(),
                   won_after.en.c_str(), late_de.en.c_str(), at_end_text.en.c_str())};
    }
    return {q1, q2, q3};
}

}  // namespace

Lesson make_waiting_for_many() {
    Lesson l;
    l.id = "waiting-for-many";
    l.title = {"Auf viele warten: as_completed, wait, der Schnellste gewinnt",
               "Waiting for many: as_completed, wait, first one wins"};
    l.parameters = {
        parameter("downloads", {"Downloads", "Downloads"}, 3, 6, 1, 4),
        parameter("spread", {"Latenz-Spanne", "Latency spread"}, 0.5, 1.5, 0.25, 1.0, "s"),
        parameter("timeout", {"Timeout von wait()", "Timeout of wait()"}, 0.25, 1.25, 0.25, 0.5, "s"),
        parameter("mirrors", {"Gefragte Mirrors", "Mirrors asked"}, 2, 4, 1, 3),
    };
    l.has_pitfall = true;
    l.pitfall = {"Verlierer nicht abbrechen", "Forget to cancel the losers"};
    l.scenario = &waiting_for_many::scenario;
    l.quiz = &quiz;
    l.python_source = embedded::waiting_for_many::python;
    l.cpp_source = embedded::waiting_for_many::cpp;
    l.text_de = embedded::waiting_for_many::text_de;
    l.text_en = embedded::waiting_for_many::text_en;
    // Hedging: every extra mirror is one more chance of a fast answer, so the first answer
    // comes sooner (or no later) the more mirrors main asks.
    l.sweep = {"mirrors", {"Zeit bis zur ersten Antwort", "Time to the first answer"}, "s", &first_answer};
    return l;
}

}  // namespace lessons
