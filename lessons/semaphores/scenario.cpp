// Semaphores and rate limiting: a crawler whose Semaphore keeps a few fetches in flight,
// then a token bucket that lets a burst through and then a steady rate. The C++ twin of lesson.py.
#include <aio/aio.hpp>
#include <lessons/facts.hpp>
#include <lessons/format.hpp>
#include <lessons/lesson.hpp>
#include <lessons/rng.hpp>

#include <optional>
#include <string>
#include <vector>

namespace lessons::semaphores {

constexpr int PAGES = 8;

aio::Task<void> fetch(int page, double latency, aio::Semaphore& shared, int limit, double delay, bool pitfall,
                      int& in_flight) {
    std::optional<aio::Semaphore> own;
    if (pitfall) own.emplace(limit, "sem");  // the pitfall: every call gets its own semaphore  // @own-sem
    aio::Semaphore& sem = own ? *own : shared;
    {
        auto held = co_await aio::async_with(sem);  // at most `limit` fetches hold a permit at once  // @acquire
        in_flight += 1;
        aio::log(lessons::format("page %d starts (%d in flight)", page, in_flight));
        lessons::note("start", "fetch-" + std::to_string(page), page);
        lessons::note("in-flight", "", in_flight);
        co_await aio::sleep(latency);  // stands in for the network  // @network
        in_flight -= 1;
        aio::log(lessons::format("page %d done (%d in flight)", page, in_flight));
        co_await aio::sleep(delay);  // polite pause before the permit goes back  // @pause
    }
}

aio::Task<void> scenario(const lessons::Params& p, bool pitfall) {
    // Part 1: a crawler; the semaphore keeps at most `limit` fetches in flight.
    const int limit = p.integer("limit");
    const double delay = p["delay"];
    aio::Semaphore sem(limit, "sem");  // @semaphore
    lessons::Rng rng(7);  // each page's latency, 0.25 to 0.625 s
    int in_flight = 0;    // fetches running right now
    std::vector<aio::Task<void>> fetches;
    for (int page = 1; page <= PAGES; ++page) {
        const double latency = static_cast<double>(rng.randint(2, 5)) / 8;
        fetches.push_back(aio::create_task(fetch(page, latency, sem, limit, delay, pitfall, in_flight),  // @create_task
                                           "fetch-" + std::to_string(page)));
    }
    co_await aio::gather(fetches);  // @gather
    aio::log(lessons::format("crawled %d pages", PAGES));
    lessons::note("crawled", "", PAGES);

    // Part 2: a token bucket lets 50 requests through: a burst, then a steady rate.
    aio::TokenBucket bucket(p["rate"], p["capacity"], "bucket");  // @bucket
    const double start = aio::time();
    int at_once = 0;
    for (int request = 1; request <= 50; ++request) {
        co_await bucket.acquire();  // @token
        if (aio::time() - start < 0.001) at_once += 1;  // granted right away, from the full bucket
        if (request % 10 == 0) {
            aio::log(lessons::format("request %d granted", request));
            lessons::note("granted", "", request);
        }
    }
    aio::log(lessons::format("a burst of %d, then %.1f requests per second", at_once,
                             (50 - at_once) / (aio::time() - start)));
}

}  // namespace lessons::semaphores
