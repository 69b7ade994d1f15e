// Lesson 4, "Queues": its descriptor and its quiz.
#include <lessons/format.hpp>
#include <lessons/lesson.hpp>
#include <lessons/quiz_support.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace lessons::embedded::queues {
extern const std::string_view python, cpp, text_de, text_en;
}

namespace lessons::queues {
aio::Task<void> scenario(const lessons::Params& p, bool pitfall);
}

namespace lessons {

namespace {

// The offered times: distinct, the answer among them, in increasing order, at most four.
std::vector<Text> time_choices(std::vector<double> others, double answer) {
    std::sort(others.begin(), others.end());
    std::vector<double> picked{answer};
    std::set<std::string> seen{seconds(answer).en};
    for (double t : others) {
        if (picked.size() == 4) break;
        if (seen.insert(seconds(t).en).second) picked.push_back(t);
    }
    return seconds_choices(picked);
}

// Four counts in a row that contain the answer.
std::vector<Text> count_choices(int answer) {
    const int first = std::max(0, answer - 1);
    return number_choices({first, first + 1, first + 2, first + 3});
}

std::vector<QuizQuestion> quiz(const Run& run, const Params& p, bool pitfall) {
    const Facts& facts = run.facts;
    const int items = p.integer("items");
    const int maxsize = p.integer("maxsize");
    const int workers = p.integer("workers");
    const Text work = decimal(p["work"], 1, "s");

    // 1. When a worker gets item 4 (item 3 when there are only three).
    const int item = std::min(4, items);
    double got_at = 0;
    std::string who;
    std::vector<double> other_gets;
    for (const Fact& f : facts.all_of("got")) {
        if (static_cast<int>(f.value) == item) {
            got_at = f.time;
            who = f.who;
        } else {
            other_gets.push_back(f.time);
        }
    }
    const Text crew = workers == 1
        ? Text{"Hier arbeitet ein einziger Worker", "Here a single worker takes them all"}
        : Text{format("Hier teilen sich %d Worker die Items", workers),
               format("Here %d workers share the items", workers)};
    QuizQuestion q1;
    q1.question = {format("Wann holt sich ein Worker das Item %d aus der Queue?", item),
                   format("At what time does a worker take item %d from the queue?", item)};
    other_gets.push_back(got_at + p["work"]);
    if (got_at >= p["work"]) other_gets.push_back(got_at - p["work"]);
    q1.choices = time_choices(other_gets, got_at);
    q1.answer = seconds(got_at);
    q1.explanation = {
        format("Um %s holt es sich %s. Ein Worker nimmt erst dann ein neues Item, wenn er mit dem vorigen "
               "fertig ist. %s, jedes Item dauert %s: So gehen die Items in Wellen raus.",
               seconds(got_at).de.c_str(), who.c_str(), crew.de.c_str(), work.de.c_str()),
        format("At %s, %s takes it. A worker only takes a new item once it is done with the previous one. "
               "%s, %s each: so the items go out in waves.",
               seconds(got_at).en.c_str(), who.c_str(), crew.en.c_str(), work.en.c_str())};

    // 2. How often the producer found the queue full.
    const int waits = facts.count("queue-full");
    QuizQuestion q2;
    q2.question = {"Wie oft muss der Producer warten, weil die Queue voll ist?",
                   "How often does the producer have to wait because the queue is full?"};
    q2.choices = count_choices(waits);
    q2.answer = count(waits);
    const Text why = maxsize == 0
        ? Text{"Mit maxsize 0 ist die Queue unbegrenzt: put() wartet nie, der Producer legt alles sofort ab.",
               "With maxsize 0 the queue is unbounded: put() never waits, the producer drops everything at "
               "once."}
        : Text{format("Sobald die Queue voll ist (maxsize %d), wartet put(), bis ein Worker ein Item "
                      "herausnimmt. Das ist Backpressure: Der Producer kann den Workern nicht davonlaufen.",
                      maxsize),
               format("Once the queue is full (maxsize %d), put() waits until a worker takes an item out. "
                      "That is backpressure: the producer cannot run away from the workers.", maxsize)};
    q2.explanation = {format("%d. %s", waits, why.de.c_str()), format("%d. %s", waits, why.en.c_str())};

    // 3. When join() returns, or, with the pitfall, who waits when the loop gives up.
    QuizQuestion q3;
    const double producer_done = facts.last("producer-finished") ? facts.last("producer-finished")->time : 0;
    if (!pitfall) {
        const double joined = facts.last("joined") ? facts.last("joined")->time : 0;
        q3.question = {"Wann kehrt q.join() zurück?", "At what time does q.join() return?"};
        q3.choices = time_choices({producer_done, 0.0, joined + p["work"]}, joined);
        q3.answer = seconds(joined);
        q3.explanation = {
            format("Um %s: Erst dann ist task_done() für alle %d Items aufgerufen. Dass der Producer "
                   "schon um %s fertig war, reicht nicht: join() wartet auf die Arbeit, nicht auf die "
                   "leere Queue.",
                   seconds(joined).de.c_str(), items, seconds(producer_done).de.c_str()),
            format("At %s: only then has task_done() been called for all %d items. The producer being "
                   "finished at %s is not enough: join() waits for the work, not for an empty queue.",
                   seconds(joined).en.c_str(), items, seconds(producer_done).en.c_str())};
    } else {
        const std::vector<std::string>& waiting = run.waiting;
        std::vector<std::string> workers_only(waiting.begin() + (waiting.empty() ? 0 : 1), waiting.end());
        const Text all = joined(waiting);
        q3.question = {"Welche Tasks warten noch, als Dirigent den Deadlock meldet?",
                       "Which tasks are still waiting when Dirigent reports the deadlock?"};
        q3.choices = {same("main"), joined(workers_only), all};
        q3.answer = all;
        q3.explanation = {
            format("%s. Um %s sind alle Items bearbeitet, aber ohne task_done() zählt die Queue sie als "
                   "offen: main wartet in join(), die Worker warten in get() auf Items, die nie kommen. "
                   "Nichts ist mehr bereit und kein Timer läuft. Python bliebe hier einfach ewig hängen.",
                   all.de.c_str(), seconds(run.end_time).de.c_str()),
            format("%s. At %s every item has been worked on, but without task_done() the queue counts them "
                   "as open: main waits in join(), the workers wait in get() for items that never come. "
                   "Nothing is ready and no timer is pending. Python would simply hang here forever.",
                   all.en.c_str(), seconds(run.end_time).en.c_str())};
    }
    return {q1, q2, q3};
}

}  // namespace

Lesson make_queues() {
    Lesson l;
    l.id = "queues";
    l.title = {"Queues: Producer und Consumer", "Queues: producer and consumer"};
    l.parameters = {
        parameter("workers", {"Worker", "Workers"}, 1, 4, 1, 2),
        parameter("maxsize", {"maxsize der Queue (0 = unbegrenzt)", "Queue maxsize (0 = unbounded)"}, 0, 5, 1, 2),
        parameter("items", {"Anzahl Items", "Number of items"}, 3, 10, 1, 6),
        parameter("work", {"Arbeitszeit pro Item", "Work time per item"}, 0.1, 1.0, 0.1, 0.5, "s"),
    };
    l.has_pitfall = true;
    l.pitfall = {"task_done() vergessen", "Forget task_done()"};
    l.scenario = &queues::scenario;
    l.quiz = &quiz;
    l.python_source = embedded::queues::python;
    l.cpp_source = embedded::queues::cpp;
    l.text_de = embedded::queues::text_de;
    l.text_en = embedded::queues::text_en;
    // The items go out in waves of `workers`: more workers, fewer waves, the total drops in steps.
    l.sweep = {"workers", {"Gesamtlaufzeit", "Total run time"}, "s", {}};
    return l;
}

}  // namespace lessons
