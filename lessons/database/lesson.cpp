// The "database" lesson: a connection pool, 50 parallel queries, a transaction that rolls back.
#include <lessons/format.hpp>
#include <lessons/lesson.hpp>
#include <lessons/quiz_support.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace lessons::embedded::database {
extern const std::string_view python, cpp, text_de, text_en, live_aiosqlite, live_asyncpg, live_sqlalchemy;
}

namespace lessons::database {
aio::Task<void> scenario(const Params& p, bool pitfall);

namespace {

// The value of the last fact with this key, 0 when there is none.
int last_value(const Facts& facts, std::string_view what) {
    const Fact* f = facts.last(what);
    return f ? static_cast<int>(f->value) : 0;
}

std::vector<QuizQuestion> quiz(const Run& run, const Params& p, bool pitfall) {
    const Facts& facts = run.facts;
    const int opened = last_value(facts, "connections-opened");
    const int refused = last_value(facts, "refused");
    const int min_size = p.integer("min_size");
    const int max_size = p.integer("max_size");
    std::vector<QuizQuestion> qs;

    QuizQuestion q1;
    q1.question = {"Wie viele Verbindungen hat die Datenbank für die 50 Abfragen insgesamt geöffnet?",
                   "How many connections did the database open in total for the 50 queries?"};
    q1.choices = number_choices({max_size, opened, 20, 50});
    q1.answer = count(opened);
    q1.explanation =
        pitfall ? Text{format("%d. Der Pool hat %d geöffnet, danach hat jede Abfrage ihre eigene aufgemacht, bis "
                              "der Server bei 20 keine weitere mehr angenommen hat.",
                              opened, min_size),
                       format("%d. The pool opened %d, then every query opened one of its own until the server "
                              "accepted no more at 20.",
                              opened, min_size)}
                : Text{format("%d. Der Pool öffnet sofort min_size = %d Verbindungen und weitere erst, wenn keine "
                              "frei ist, aber nie mehr als max_size = %d.",
                              opened, min_size, max_size),
                       format("%d. The pool opens min_size = %d connections at once and more only when none is "
                              "idle, but never more than max_size = %d.",
                              opened, min_size, max_size)};
    qs.push_back(q1);

    QuizQuestion q2;
    q2.question = {"Wie viele der 50 Abfragen hat der Server abgewiesen („too many connections“)?",
                   "How many of the 50 queries did the server refuse (\"too many connections\")?"};
    q2.choices = number_choices({0, refused, 50 - 20, 50 - max_size});
    q2.answer = count(refused);
    q2.explanation = {format("%d. Ein Pool bleibt unter dem Limit des Servers (20 Verbindungen). Öffnet jede "
                             "Abfrage ihre eigene Verbindung, ist das Limit schnell erreicht, und der Server "
                             "weist den Rest ab.",
                             refused),
                      format("%d. A pool stays below the server's limit (20 connections). When every query "
                             "opens a connection of its own, the limit is soon reached and the server refuses "
                             "the rest.",
                             refused)};
    qs.push_back(q2);

    // Halfway through the second transfer (bob -> alice 200, the one that fails): what the
    // transaction sees, and what another connection sees at the same moment.
    const std::vector<Fact> inside = facts.all_of("halfway-inside");
    const std::vector<Fact> outside = facts.all_of("halfway-elsewhere");
    if (inside.size() >= 2 && outside.size() >= 2) {
        const std::string& who = inside[1].who;
        const int in = static_cast<int>(inside[1].value);
        const int out = static_cast<int>(outside[1].value);
        QuizQuestion q3;
        q3.question = {format("Mitten in der Überweisung von 200 hat %s innerhalb der Transaktion %d. Welchen "
                              "Kontostand sieht im selben Moment eine andere Verbindung?",
                              who.c_str(), in),
                       format("Halfway through the transfer of 200, %s has %d inside the transaction. What "
                              "balance does another connection see at the same moment?",
                              who.c_str(), in)};
        q3.choices = number_choices({0, out, in - out, in});
        q3.answer = count(out);
        q3.explanation = {
            format("%d. Was eine Transaktion ändert, sieht bis zum COMMIT nur sie selbst; alle anderen "
                   "Verbindungen sehen weiter den letzten bestätigten Stand. Zu viel Geld gibt es also nie, "
                   "auch nicht für einen Moment. Hier kommt es gar nicht erst zum COMMIT: Die Abbuchung verletzt "
                   "den CHECK, und ROLLBACK verwirft die Gutschrift, die außer der Transaktion niemand gesehen hat.",
                   out),
            format("%d. What a transaction changes is visible only to itself until COMMIT; every other "
                   "connection keeps seeing the last committed state. So there is never too much money, not "
                   "even for a moment. Here COMMIT never comes: the debit breaks the CHECK, and ROLLBACK drops "
                   "the credit that nobody outside the transaction ever saw.",
                   out)};
        qs.push_back(q3);
    }
    return qs;
}

}  // namespace
}  // namespace lessons::database

namespace lessons {

Lesson make_database() {
    namespace text = embedded::database;
    Lesson l;
    l.id = "database";
    l.title = {"Datenbank: Pool und Transaktion", "Database: pool and transaction"};
    l.parameters = {
        {"min_size", {"min_size (sofort offen)", "min_size (open at start)"}, 1, 3, 1, 2, ""},
        {"max_size", {"max_size (höchstens offen)", "max_size (open at most)"}, 3, 10, 1, 5, ""},
        {"latency", {"Dauer einer Abfrage", "Query latency"}, 0.05, 0.2, 0.05, 0.1, "s"},
        {"connect", {"Verbindungsaufbau", "Connect cost"}, 0.1, 0.5, 0.1, 0.3, "s"},
    };
    l.has_pitfall = true;
    l.pitfall = {"Eine Verbindung pro Abfrage statt Pool", "A connection per query instead of a pool"};
    l.scenario = &database::scenario;
    l.quiz = &database::quiz;
    l.python_source = text::python;
    l.cpp_source = text::cpp;
    l.text_de = text::text_de;
    l.text_en = text::text_en;
    // The 50 queries against the pool's size; with the pitfall (no pool) max_size changes nothing.
    l.sweep = {"max_size", {"Zeit für die 50 Abfragen", "Time for the 50 queries"}, "s", [](const Run& run) {
                   const Fact* done = run.facts.last("queries-done");
                   return done ? done->time : run.end_time;
               }};
    l.pool_queue = "idle connections";
    l.pool_size_parameter = "max_size";
    l.live_listings = {{"live_asyncpg.py", text::live_asyncpg, "--db postgresql://USER:PASSWORD@127.0.0.1:5432/DB"},
                       {"live_aiosqlite.py", text::live_aiosqlite, "--db bank.sqlite"},
                       {"live_sqlalchemy.py", text::live_sqlalchemy, "--db bank.sqlite"}};
    return l;
}

}  // namespace lessons
