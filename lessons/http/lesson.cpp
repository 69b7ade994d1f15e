// The "http" lesson: one session, a concurrency limit, timeouts, retries with backoff, 429.
#include <lessons/format.hpp>
#include <lessons/lesson.hpp>
#include <lessons/quiz_support.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace lessons::embedded::http {
extern const std::string_view python, cpp, text_de, text_en, live_aiohttp, live_httpx;
}

namespace lessons::http {
aio::Task<void> scenario(const Params& p, bool pitfall);

namespace {

// The right number among three or four wrong ones near it; where it lands in the list varies.
std::vector<Text> around(int answer) {
    std::vector<int> picks{answer};
    const int offsets[] = {-4, -2, 1, 3};
    for (int k = 0; k < 4; ++k)
        if (k != answer % 4 && answer + offsets[k] >= 0) picks.push_back(answer + offsets[k]);
    return number_choices(picks);
}

// "Einmal" / "Once", "3-mal" / "3 times".
Text times(int n) {
    if (n == 0) return {"Kein einziges Mal", "Not once"};
    if (n == 1) return {"Einmal", "Once"};
    return {format("%d-mal", n), format("%d times", n)};
}

// Every attempt the session sent, retries included (the "sent" fact noted at the end).
int sent_of(const Run& run) {
    const Fact* sent = run.facts.last("sent");
    return sent ? static_cast<int>(sent->value) : 0;
}

std::vector<QuizQuestion> quiz(const Run& run, const Params& p, bool pitfall) {
    const Facts& facts = run.facts;
    std::vector<QuizQuestion> qs;
    const int sent = sent_of(run);
    const int requests = p.integer("requests");
    qs.push_back({
        {format("Wie viele Anfragen hat die Session insgesamt an den Server geschickt (für %d URLs)?", requests),
         format("How many requests did the session send to the server in total (for %d URLs)?", requests)},
        around(sent),
        count(sent),
        {format("%d. Jeder Versuch ist eine Anfrage: %d URLs brauchten %d Versuche. Jede Wiederholung nach einem "
                "429 oder einem Timeout kostet den Server eine weitere Anfrage.",
                sent, requests, sent),
         format("%d. Every attempt is a request: %d URLs took %d attempts. Each retry after a 429 or a timeout "
                "costs the server one more request.",
                sent, requests, sent)},
    });

    int too_many = 0;
    for (const Fact& f : facts.all_of("status")) too_many += static_cast<int>(f.value) == 429 ? 1 : 0;
    const Text how_often = times(too_many);
    qs.push_back({
        {"Wie oft hat der Server mit 429 (Too Many Requests) geantwortet?",
         "How many times did the server answer 429 (Too Many Requests)?"},
        around(too_many),
        count(too_many),
        {pitfall ? format("%s. Wer ohne Pause wiederholt, landet immer wieder im selben vollen Sekundenfenster.",
                          how_often.de.c_str())
                 : format("%s. Mit Backoff und Retry-After kommen die Wiederholungen erst dann, wenn im nächsten "
                          "Sekundenfenster wieder Platz ist.",
                          how_often.de.c_str()),
         pitfall ? format("%s. Retrying without a pause lands in the same full one-second window again and again.",
                          how_often.en.c_str())
                 : format("%s. With backoff and Retry-After the retries come only when the next one-second window "
                          "has room.",
                          how_often.en.c_str())},
    });

    const int failed = facts.count("gave-up");
    qs.push_back({
        {"Wie viele URLs sind endgültig gescheitert (nach allen Versuchen)?",
         "How many URLs failed for good (after every attempt)?"},
        {same("0"), same("1"), same("2"), same("3"), same("≥ 4")},
        failed >= 4 ? same("≥ 4") : count(failed),
        {format("%d. Nach 4 Versuchen gibt fetch() eine URL auf. Das passiert vor allem dann, wenn die "
                "Wiederholungen ohne Pause auf den Server einprasseln.",
                failed),
         format("%d. After 4 attempts fetch() gives up on a URL. That happens mostly when the retries hammer the "
                "server without a pause.",
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
    l.live_listings = {{"live_aiohttp.py", text::live_aiohttp, "--url {server}"},
                       {"live_httpx.py", text::live_httpx, "--url {server}"}};
    // Every attempt the server sees, retries included: beyond its rate, more requests cost
    // more than one attempt each; retrying at once (the pitfall) costs even more.
    l.sweep = {"requests", {"Gesendete Versuche (mit Wiederholungen)", "Attempts sent (retries included)"}, "",
               [](const Run& run) { return static_cast<double>(http::sent_of(run)); }};
    return l;
}

}  // namespace lessons
