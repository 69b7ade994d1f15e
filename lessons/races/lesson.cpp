// Lesson 12, "Races across await: Lock, Event, Condition": its descriptor and its quiz.
#include <lessons/format.hpp>
#include <lessons/lesson.hpp>
#include <lessons/quiz_support.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace lessons::embedded::races {
extern const std::string_view python, cpp, text_de, text_en;
}

namespace lessons::races {
aio::Task<void> scenario(const Params& p, bool pitfall);
}

namespace lessons {

namespace {

constexpr int BALANCE = 100;  // as in scenario.cpp and lesson.py
constexpr double CHECK = 0.2;

double last_value(const Facts& facts, std::string_view what) {
    const Fact* f = facts.last(what);
    return f ? f->value : 0;
}

// The facts with this key whose `who` starts with `prefix` ("unsafe-" or "safe-").
int count_of(const Facts& facts, std::string_view what, std::string_view prefix) {
    int n = 0;
    for (const Fact& f : facts.all_of(what)) n += f.who.starts_with(prefix);
    return n;
}

// "1 Abbuchung" / "1 withdrawal", "3 Abbuchungen" / "3 withdrawals".
Text withdrawals_text(int n) {
    return {format("%d Abbuchung%s", n, n == 1 ? "" : "en"), format("%d withdrawal%s", n, n == 1 ? "" : "s")};
}

// The time the locked withdrawals take (the sweep's figure too).
double safe_time(const Run& run) { return last_value(run.facts, "safe-time"); }

std::vector<QuizQuestion> quiz(const Run& run, const Params& p, bool pitfall) {
    const Facts& facts = run.facts;
    const int tasks = p.integer("tasks");
    const int amount = p.integer("amount");
    const double latency = p["latency"];

    // 1. The balance after the withdrawals without a lock.
    const int unsafe_balance = static_cast<int>(last_value(facts, "unsafe-balance"));
    const int unsafe_paid = static_cast<int>(last_value(facts, "unsafe-paid"));
    const int lost = static_cast<int>(last_value(facts, "unsafe-lost"));
    const int safe_balance = static_cast<int>(last_value(facts, "safe-balance"));
    const int safe_paid = count_of(facts, "paid", "safe-");
    const int safe_refused = count_of(facts, "refused", "safe-");
    QuizQuestion q1;
    q1.question = {format("Welchen Kontostand hat das Konto, nachdem die %d Abbuchungen ohne Lock fertig sind?", tasks),
                   format("What is the balance once the %d withdrawals without a lock are done?", tasks)};
    q1.choices = number_choices({BALANCE, BALANCE - amount, BALANCE - tasks * amount, safe_balance, unsafe_balance});
    q1.answer = count(unsafe_balance);
    const Text lost_text = withdrawals_text(lost);
    const Text overdraft =
        unsafe_paid > BALANCE
            ? Text{format(" Ausgezahlt hat die Bank %d, obwohl nur %d auf dem Konto lagen: %d zu viel.", unsafe_paid,
                          BALANCE, unsafe_paid - BALANCE),
                   format(" The bank paid out %d although the account held only %d: %d too much.", unsafe_paid,
                          BALANCE, unsafe_paid - BALANCE)}
            : Text{format(" Ausgezahlt hat die Bank %d, abgezogen hat sie nur %d.", unsafe_paid, BALANCE - unsafe_balance),
                   format(" The bank paid out %d but took only %d off the account.", unsafe_paid,
                          BALANCE - unsafe_balance)};
    const Text with_lock = {
        format(" Mit dem Lock: %s ausgezahlt, %d abgelehnt, Kontostand %d.", withdrawals_text(safe_paid).de.c_str(),
               safe_refused, safe_balance),
        format(" With the lock: %s paid, %d refused, balance %d.", withdrawals_text(safe_paid).en.c_str(),
               safe_refused, safe_balance)};
    const Text all_tasks = tasks == 2 ? Text{"Beide Tasks", "Both tasks"}
                                      : Text{format("Alle %d Tasks", tasks), format("All %d tasks", tasks)};
    q1.explanation = {
        format("%d. %s lesen %d, prüfen „genug Geld da“ und warten dann auf die Bank. Während dieses "
               "await schreibt keiner, also sieht jeder denselben alten Stand, und am Ende schreibt jeder %d − %d. "
               "%s %s verloren.",
               unsafe_balance, all_tasks.de.c_str(), BALANCE, BALANCE, amount, lost_text.de.c_str(),
               lost == 1 ? "ging" : "gingen") +
            overdraft.de + with_lock.de,
        format("%d. %s read %d, check \"enough money\" and then wait for the bank. Nobody writes during "
               "that await, so each of them sees the same old balance, and in the end each writes %d − %d. %s got "
               "lost.",
               unsafe_balance, all_tasks.en.c_str(), BALANCE, BALANCE, amount, lost_text.en.c_str()) +
            overdraft.en + with_lock.en};

    // 2. How long the withdrawals with the lock take.
    const double took = safe_time(run);
    const Text took_text = seconds(took);
    const Text check_text = seconds(CHECK);
    const Text latency_text = seconds(latency);
    QuizQuestion q2;
    q2.question = {format("Wie lange brauchen die %d Abbuchungen mit Lock zusammen?", tasks),
                   format("How long do the %d withdrawals with the lock take altogether?", tasks)};
    q2.choices = seconds_choices({CHECK + latency, CHECK + safe_paid * latency, tasks * (CHECK + latency),
                                  tasks * CHECK + safe_paid * latency},
                                 took);
    q2.answer = took_text;
    const Text refused_note =
        safe_refused == 0 ? Text{"", ""}
                          : Text{" Wer abgelehnt wird, fragt die Bank gar nicht erst und hält den Lock nur einen "
                                 "Augenblick.",
                                 " A refused withdrawal never asks the bank and holds the lock only for an instant."};
    q2.explanation =
        pitfall
            ? Text{format("%s. Der Lock wird schon vor der Betrugsprüfung genommen, also prüft immer nur ein Task, "
                          "und die anderen stehen an: %d × %s Prüfung plus %d × %s für die Bank. Das Ergebnis "
                          "stimmt, aber alles läuft nacheinander.",
                          took_text.de.c_str(), tasks, check_text.de.c_str(), safe_paid, latency_text.de.c_str()) +
                       refused_note.de,
                   format("%s. The lock is taken before the fraud check, so only one task checks at a time and the "
                          "others wait in line: %d × %s of checks plus %d × %s for the bank. The result is right, "
                          "but everything runs one after the other.",
                          took_text.en.c_str(), tasks, check_text.en.c_str(), safe_paid, latency_text.en.c_str()) +
                       refused_note.en}
            : Text{format("%s. Die Betrugsprüfungen laufen alle gleichzeitig (%s), denn sie brauchen den Lock nicht. "
                          "Danach kommt einer nach dem anderen an den Kontostand: %d × %s, bis die Bank jeweils "
                          "geantwortet hat.",
                          took_text.de.c_str(), check_text.de.c_str(), safe_paid, latency_text.de.c_str()) +
                       refused_note.de,
                   format("%s. The fraud checks all run at once (%s), because they don't need the lock. After "
                          "that the tasks get to the balance one at a time: %d × %s for the bank's answers.",
                          took_text.en.c_str(), check_text.en.c_str(), safe_paid, latency_text.en.c_str()) +
                       refused_note.en};

    // 3. When the last customer of the shop gets its items.
    const std::vector<Fact> served = facts.all_of("served");
    const double last_served = served.empty() ? run.end_time : served.back().time;
    const double shop_start = last_value(facts, "shop");
    const Fact* opened = facts.last("opened");
    const double opened_at = opened ? opened->time : 0;
    std::vector<double> others;
    for (const Fact& f : facts.all_of("delivered"))
        if (f.time != last_served) others.push_back(f.time);
    // The earliest and latest deliveries besides the answer, and the opening.
    if (others.size() > 3) others.erase(others.begin() + 1, others.end() - 2);
    others.push_back(opened_at);
    const int deliveries = facts.count("delivered");
    const Text at = seconds(last_served);
    const int need = p.integer("stock_needed");
    QuizQuestion q3;
    q3.question = {"Wann wird der letzte Kunde bedient?", "At what time is the last customer served?"};
    q3.choices = seconds_choices(others, last_served);
    q3.answer = at;
    q3.explanation = {
        format("Bei %s. Der Laden öffnet bei %s (Teil 2 beginnt bei %s), danach liefert der Lieferant alle 0,200 s "
               "%d Stück. Die drei Kunden brauchen zusammen %d, dafür braucht es %d Lieferungen. Nach jeder weckt "
               "notify_all alle Wartenden; wait_for prüft die Bedingung neu, und wer noch zu wenig sieht, wartet "
               "weiter.",
               at.de.c_str(), seconds(opened_at).de.c_str(), seconds(shop_start).de.c_str(), 2, 3 * need,
               deliveries),
        format("At %s. The shop opens at %s (part 2 starts at %s); after that %d items arrive every 0.200 s. The "
               "three customers need %d together, which takes %d deliveries. After each one notify_all wakes every "
               "waiting customer; wait_for checks the condition again, and whoever still sees too little goes back "
               "to waiting.",
               at.en.c_str(), seconds(opened_at).en.c_str(), seconds(shop_start).en.c_str(), 2, 3 * need,
               deliveries)};
    return {q1, q2, q3};
}

}  // namespace

Lesson make_races() {
    namespace text = embedded::races;
    Lesson l;
    l.id = "races";
    l.title = {"Wettläufe über await: Lock, Event, Condition", "Races across await: Lock, Event, Condition"};
    l.parameters = {
        parameter("tasks", {"Gleichzeitige Abbuchungen", "Withdrawals at once"}, 2, 6, 1, 4),
        parameter("latency", {"Antwortzeit der Bank", "The bank's reply time"}, 0.05, 0.25, 0.05, 0.1, "s"),
        parameter("amount", {"Betrag pro Abbuchung", "Amount per withdrawal"}, 10, 50, 10, 30, "€"),
        parameter("stock_needed", {"Ware pro Kunde", "Items per customer"}, 1, 5, 1, 3),
    };
    l.has_pitfall = true;
    l.pitfall = {"Lock schon vor der Betrugsprüfung nehmen", "Take the lock before the fraud check"};
    l.scenario = &races::scenario;
    l.quiz = &quiz;
    l.python_source = text::python;
    l.cpp_source = text::cpp;
    l.text_de = text::text_de;
    l.text_en = text::text_en;
    // The locked withdrawals against their number: each adds one reply of the bank (a refused one
    // adds nothing); with the pitfall each adds its fraud check too.
    l.sweep = {"tasks", {"Zeit der Abbuchungen mit Lock", "Time of the withdrawals with the lock"}, "s", &safe_time};
    return l;
}

}  // namespace lessons
