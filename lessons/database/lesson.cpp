// The "database" lesson: a connection pool, 50 parallel queries, a transaction that rolls back.
#include <lessons/format.hpp>
#include <lessons/lesson.hpp>
#include <lessons/quiz_support.hpp>

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace lessons::embedded::database {
extern const std::string_view python, cpp, text_de, text_en;
}

namespace lessons::database {
aio::Task<void> scenario(const Params& p, bool pitfall);

namespace {

// The line of the 50 queries: "50 queries: A ok, B refused (too many connections), C connections opened".
struct Summary {
    double time = 0;
    int ok = 0, refused = 0, opened = 0;
};
Summary summary_of(const std::vector<LogLine>& lines) {
    Summary s;
    for (const LogLine& l : lines) {
        int queries = 0;
        if (std::sscanf(l.message.c_str(), "%d queries: %d ok, %d refused (too many connections), %d connections",
                        &queries, &s.ok, &s.refused, &s.opened) == 4) {
            s.time = l.time;
            break;
        }
    }
    return s;
}

std::vector<QuizQuestion> quiz(const Run& run, const Params& p, bool pitfall) {
    const std::vector<LogLine> lines = log_lines(run.log);
    const Summary s = summary_of(lines);
    const int max_size = p.integer("max_size");
    std::vector<QuizQuestion> qs;

    qs.push_back({
        {"Wie viele Verbindungen hat die Datenbank insgesamt geöffnet?",
         "How many connections did the database open in total?"},
        number_choices({max_size, s.opened, 20, 50}),
        std::to_string(s.opened),
        pitfall ? Text{format("%d: Der Pool hat %d geöffnet, jede Abfrage danach ihre eigene, bis der Server bei 20 "
                              "keine mehr annahm.",
                              s.opened, p.integer("min_size")),
                       format("%d: the pool opened %d, then every query opened its own until the server took no "
                              "more at 20.",
                              s.opened, p.integer("min_size"))}
                : Text{format("%d: Der Pool öffnet min_size Verbindungen sofort und weitere erst, wenn keine frei "
                              "ist, höchstens max_size = %d.",
                              s.opened, max_size),
                       format("%d: the pool opens min_size connections at once and more only when none is idle, "
                              "at most max_size = %d.",
                              s.opened, max_size)},
    });

    qs.push_back({
        {"Wie viele der 50 Abfragen hat der Server abgewiesen („too many connections“)?",
         "How many of the 50 queries did the server refuse (\"too many connections\")?"},
        number_choices({0, s.refused, 50 - 20, 50 - max_size}),
        std::to_string(s.refused),
        {format("%d. Ein Pool bleibt unter dem Limit des Servers (20); eine Verbindung pro Abfrage reißt es.",
                s.refused),
         format("%d. A pool stays below the server's limit (20); a connection per query breaks it.", s.refused)},
    });

    // The total of the last "balances: …, total N" line, after the failed transfer.
    int total = -1;
    for (const LogLine& l : lines) {
        const auto at = l.message.rfind("total ");
        if (l.message.rfind("balances: ", 0) == 0 && at != std::string::npos)
            total = std::stoi(l.message.substr(at + 6));
    }
    qs.push_back({
        {"Welche Gesamtsumme zeigt das Log nach der gescheiterten Überweisung von 200?",
         "What total does the log show after the failed transfer of 200?"},
        number_choices({total, total + 200, total - 80, total + 80}),
        std::to_string(total),
        {format("%d, wie am Anfang: Die halbe Buchung (alice +200) wurde mit ROLLBACK zurückgenommen. Nur "
                "innerhalb der Transaktion war kurz zu viel Geld da.",
                total),
         format("%d, as at the start: the half-done booking (alice +200) was undone by ROLLBACK. Only inside "
                "the transaction was there briefly too much money.",
                total)},
    });
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
                   for (const LogLine& line : log_lines(run.log))
                       if (line.message.find(" queries: ") != std::string::npos) return line.time;
                   return run.end_time;
               }};
    l.pool_queue = "idle connections";
    l.pool_size_parameter = "max_size";
    return l;
}

}  // namespace lessons
