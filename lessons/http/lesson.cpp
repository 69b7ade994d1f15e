// The "http" lesson: one session, a concurrency limit, timeouts, retries with backoff, 429.
#include <lessons/format.hpp>
#include <lessons/lesson.hpp>
#include <lessons/quiz_support.hpp>

#include <algorithm>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace lessons::embedded::http {
extern const std::string_view python, cpp, text_de, text_en;
}

namespace lessons::http {
aio::Task<void> scenario(const Params& p, bool pitfall);

namespace {

int count_containing(const std::string& log, std::string_view needle) {
    int n = 0;
    for (const auto& line : split_lines(log))
        if (line.find(needle) != std::string::npos) ++n;
    return n;
}

// The number right before `suffix` in the "done: A ok, B failed, C sent" line.
int done_number(const std::string& log, std::string_view suffix) {
    for (const auto& line : split_lines(log)) {
        auto at = line.find(" done: ");
        if (at == std::string::npos) continue;
        auto end = line.find(suffix, at);
        if (end == std::string::npos) continue;
        auto begin = line.rfind(' ', end - 1);
        return std::stoi(line.substr(begin + 1, end - begin - 1));
    }
    return -1;
}

// The right number among three or four wrong ones near it; where it lands in the list varies.
std::vector<std::string> around(int answer) {
    std::vector<int> picks{answer};
    const int offsets[] = {-4, -2, 1, 3};
    for (int k = 0; k < 4; ++k)
        if (k != answer % 4 && answer + offsets[k] >= 0) picks.push_back(answer + offsets[k]);
    std::sort(picks.begin(), picks.end());
    std::vector<std::string> out;
    for (int v : picks) out.push_back(std::to_string(v));
    return out;
}

std::vector<QuizQuestion> quiz(const Run& run, const Params& p, bool pitfall) {
    std::vector<QuizQuestion> qs;
    const int sent = done_number(run.log, " sent");
    const int requests = p.integer("requests");
    qs.push_back({
        {format("Wie viele Anfragen hat die Session insgesamt an den Server geschickt (für %d URLs)?", requests),
         format("How many requests did the session send to the server in total (for %d URLs)?", requests)},
        around(sent),
        std::to_string(sent),
        {format("Jeder Versuch ist eine Anfrage: %d URLs brauchten %d Versuche. Jede Wiederholung nach einem 429 "
                "oder Timeout kostet den Server eine weitere Anfrage.",
                requests, sent),
         format("Every attempt is a request: %d URLs took %d attempts. Each retry after a 429 or a timeout costs "
                "the server one more request.",
                requests, sent)},
    });
    const int too_many = count_containing(run.log, ": 429");
    qs.push_back({
        {"Wie oft hat der Server mit 429 (Too Many Requests) geantwortet?",
         "How many times did the server answer 429 (Too Many Requests)?"},
        around(too_many),
        std::to_string(too_many),
        {pitfall ? format("%d-mal: Wer ohne Pause wiederholt, landet immer wieder im selben vollen Sekundenfenster.",
                          too_many)
                 : format("%d-mal. Mit Backoff und Retry-After kommen die Wiederholungen erst, wenn das nächste "
                          "Sekundenfenster Platz hat.",
                          too_many),
         pitfall ? format("%d times: retrying without a pause lands in the same full one-second window again and "
                          "again.",
                          too_many)
                 : format("%d times. With backoff and Retry-After the retries come only when the next one-second "
                          "window has room.",
                          too_many)},
    });
    const int failed = done_number(run.log, " failed");
    qs.push_back({
        {"Wie viele URLs sind endgültig gescheitert (nach allen Versuchen)?",
         "How many URLs failed for good (after every attempt)?"},
        {"0", "1", "2", "3", "≥ 4"},
        failed >= 4 ? "≥ 4" : std::to_string(failed),
        {format("%d. Eine URL gibt nach 4 Versuchen auf; das passiert vor allem, wenn die Wiederholungen den "
                "Server ohne Pause bedrängen.",
                failed),
         format("%d. A URL gives up after 4 attempts; that happens mostly when the retries hammer the server "
                "without a pause.",
                failed)},
    });
    return qs;
}

}  // namespace
}  // namespace lessons::http

namespace lessons {

Lesson make_http() {
    namespace text = embedded::http;
    Lesson l;
    l.id = "http";
    l.title = {"HTTP: Session, Limit, Timeout, Retry", "HTTP: session, limit, timeout, retry"};
    l.parameters = {
        {"requests", {"Anfragen", "Requests"}, 4, 12, 1, 8, ""},
        {"limit", {"Gleichzeitig (Semaphore)", "In flight (semaphore)"}, 1, 4, 1, 3, ""},
        {"timeout", {"Timeout pro Versuch", "Timeout per attempt"}, 0.2, 1.0, 0.1, 0.3, "s"},
        {"backoff", {"Erste Wartezeit (Backoff)", "First backoff delay"}, 0.1, 0.4, 0.1, 0.2, "s"},
    };
    l.has_pitfall = true;
    l.pitfall = {"Sofort wiederholen, ohne Backoff", "Retry at once, without backoff"};
    l.scenario = &http::scenario;
    l.quiz = &http::quiz;
    l.python_source = text::python;
    l.cpp_source = text::cpp;
    l.text_de = text::text_de;
    l.text_en = text::text_en;
    // Every attempt the server sees, retries included: beyond its rate, more requests cost
    // more than one attempt each; retrying at once (the pitfall) costs even more.
    l.sweep = {"requests", {"Gesendete Versuche (mit Wiederholungen)", "Attempts sent (retries included)"}, "",
               [](const Run& run) {
                   int ok = 0, failed = 0, sent = 0;
                   for (const LogLine& line : log_lines(run.log))
                       if (std::sscanf(line.message.c_str(), "done: %d ok, %d failed, %d sent", &ok, &failed,
                                       &sent) == 3)
                           return static_cast<double>(sent);
                   return 0.0;
               }};
    return l;
}

}  // namespace lessons
