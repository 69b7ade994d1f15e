// Lesson 5, "Semaphores and rate limiting": its descriptor and its quiz.
#include <lessons/format.hpp>
#include <lessons/lesson.hpp>
#include <lessons/quiz_support.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace lessons::embedded::semaphores {
extern const std::string_view python, cpp, text_de, text_en;
}

namespace lessons::semaphores {
aio::Task<void> scenario(const lessons::Params& p, bool pitfall);
}

namespace lessons {

namespace {

std::vector<QuizQuestion> quiz(const Run& run, const Params& p, bool pitfall) {
    const Facts& facts = run.facts;
    const int limit = p.integer("limit");
    const double rate = p["rate"];
    const int capacity = p.integer("capacity");

    // 1. When the last page starts.
    double last_start = 0;
    std::vector<double> other_starts;
    for (const Fact& f : facts.all_of("start")) {
        if (static_cast<int>(f.value) == 8) last_start = f.time;
        else other_starts.push_back(f.time);
    }
    other_starts.erase(std::unique(other_starts.begin(), other_starts.end()), other_starts.end());
    if (other_starts.size() > 3) other_starts.erase(other_starts.begin() + 1, other_starts.end() - 2);
    if (other_starts.size() < 3) other_starts.insert(other_starts.end(), {last_start + 0.25, last_start + 0.5});
    const Text at = seconds(last_start);
    const Text pause = seconds(p["delay"]);
    QuizQuestion q1;
    q1.question = {"Wann beginnt der Abruf von Seite 8?", "At what time does the fetch of page 8 start?"};
    q1.choices = seconds_choices(other_starts, last_start);
    q1.answer = at;
    q1.explanation = pitfall
        ? Text{format("Um %s, zusammen mit allen anderen: Jeder Aufruf hat seine eigene Semaphore mit %d "
                      "%s, also muss keiner warten.", at.de.c_str(), limit, limit == 1 ? "Platz" : "Plätzen"),
               format("At %s, together with all the others: every call has its own semaphore with %d "
                      "permit%s, so nobody ever waits.", at.en.c_str(), limit, limit == 1 ? "" : "s")}
        : p["delay"] > 0
        ? Text{format("Um %s. Seite 8 kommt erst an die Reihe, wenn ein früherer Abruf fertig ist und seine "
                      "höfliche Pause von %s abgewartet hat: Erst dann gibt er seinen Platz in der Semaphore "
                      "zurück.", at.de.c_str(), pause.de.c_str()),
               format("At %s. Page 8 only gets a permit once an earlier fetch is done and has sat through "
                      "its polite pause of %s; only then does that fetch release the semaphore.",
                      at.en.c_str(), pause.en.c_str())}
        : Text{format("Um %s. Seite 8 kommt erst an die Reihe, wenn ein früherer Abruf fertig ist und seinen "
                      "Platz in der Semaphore zurückgibt.", at.de.c_str()),
               format("At %s. Page 8 only gets a permit once an earlier fetch is done and releases the "
                      "semaphore.", at.en.c_str())};

    // 2. The most fetches in flight at the same time.
    int most = 0;
    for (const Fact& f : facts.all_of("in-flight")) most = std::max(most, static_cast<int>(f.value));
    QuizQuestion q2;
    q2.question = {"Wie viele Abrufe laufen höchstens gleichzeitig?",
                   "What is the largest number of fetches in flight at once?"};
    q2.choices = number_choices({1, limit, limit + 1, 8, most});
    q2.answer = count(most);
    q2.explanation = pitfall
        ? Text{format("%d: alle Seiten auf einmal. Eine Semaphore, die erst in der Coroutine entsteht, "
                      "begrenzt nur diesen einen Aufruf, also gar nichts.", most),
               format("%d: every page at once. A semaphore created inside the coroutine only limits that "
                      "one call, which means nothing at all.", most)}
        : Text{format("%d: Die Semaphore hat %s, und alle Abrufe teilen sich dieselbe.", most,
                      limit == 1 ? "nur einen Platz" : format("%d Plätze", limit).c_str()),
               format("%d: the semaphore has %s, and all fetches share the same one.", most,
                      limit == 1 ? "a single permit" : format("%d permits", limit).c_str())};

    // 3. How long the 50 requests take.
    const double crawled = facts.last("crawled") ? facts.last("crawled")->time : 0;
    double last_request = 0;
    for (const Fact& f : facts.all_of("granted"))
        if (static_cast<int>(f.value) == 50) last_request = f.time;
    const double took = last_request - crawled;
    const Text took_text = seconds(took);
    QuizQuestion q3;
    q3.question = {"Wie lange dauern die 50 Requests am Token Bucket?",
                   "How long do the 50 requests at the token bucket take?"};
    q3.choices = seconds_choices({50 / rate, 50 / rate / 2, capacity / rate}, took);
    q3.answer = took_text;
    q3.explanation = {
        format("%s: Der volle Bucket gibt sofort %d Token%s aus. Die übrigen %d Requests müssen warten, bis "
               "ihr Token nachgetröpfelt ist, und davon kommen %.0f pro Sekunde: %d / %.0f = %s.",
               took_text.de.c_str(), capacity, capacity == 1 ? "" : "s", 50 - capacity, rate, 50 - capacity,
               rate, took_text.de.c_str()),
        format("%s: the full bucket hands out %d token%s at once; the other %d requests wait for their token "
               "to drip in at %.0f per second: %d / %.0f = %s.",
               took_text.en.c_str(), capacity, capacity == 1 ? "" : "s", 50 - capacity, rate, 50 - capacity,
               rate, took_text.en.c_str())};
    return {q1, q2, q3};
}

}  // namespace

Lesson make_semaphores() {
    Lesson l;
    l.id = "semaphores";
    l.title = {"Semaphoren und Rate Limiting", "Semaphores and rate limiting"};
    l.parameters = {
        parameter("limit", {"Plätze der Semaphore", "Semaphore permits"}, 1, 5, 1, 2),
        parameter("delay", {"Höfliche Pause", "Polite delay"}, 0, 0.5, 0.125, 0.25, "s"),
        parameter("rate", {"Rate des Token Buckets", "Token bucket rate"}, 2, 10, 1, 8, "/s"),
        parameter("capacity", {"Kapazität des Token Buckets", "Token bucket capacity"}, 1, 10, 1, 5),
    };
    l.has_pitfall = true;
    l.pitfall = {"Semaphore in der Coroutine erzeugen", "Create the semaphore inside the coroutine"};
    l.scenario = &semaphores::scenario;
    l.quiz = &quiz;
    l.python_source = embedded::semaphores::python;
    l.cpp_source = embedded::semaphores::cpp;
    l.text_de = embedded::semaphores::text_de;
    l.text_en = embedded::semaphores::text_en;
    // The crawl (part 1) against the permits: one permit queues the pages up. With the pitfall
    // (a semaphore per call) the permits change nothing.
    l.sweep = {"limit", {"Zeit für die 8 Seiten", "Time to crawl the 8 pages"}, "s", [](const Run& run) {
                   const Fact* crawled = run.facts.last("crawled");
                   return crawled ? crawled->time : run.end_time;
               }};
    return l;
}

}  // namespace lessons
