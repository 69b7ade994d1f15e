// 100,000 tasks: a crawler makes one task per URL, and a Semaphore bounds how many requests are
// in flight. Tasks are cheap; what they do at once must be limited. The C++ twin of lesson.py.
#include <aio/aio.hpp>
#include <lessons/facts.hpp>
#include <lessons/format.hpp>
#include <lessons/lesson.hpp>
#include <lessons/rng.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace lessons::many_tasks {

// The listing's globals; main owns them and awaits every task that uses them.
struct Counters {
    int urls = 0;       // pages to crawl
    int in_flight = 0;  // requests on the wire right now
    int peak = 0;       // the most there ever were at once
    int crawled = 0;    // pages done
};

// The request itself: one more in flight until its answer is in.
aio::Task<void> get(double latency, Counters& c) {
    c.in_flight += 1;
    c.peak = std::max(c.peak, c.in_flight);
    co_await aio::sleep(latency);  // stands in for the network  // @network
    c.in_flight -= 1;
}

aio::Task<void> fetch(double latency, aio::Semaphore& sem, bool pitfall, Counters& c) {
    if (pitfall) {
        co_await get(latency, c);  // the pitfall: no semaphore, nothing ever waits  // @unbounded
    } else {
        auto held = co_await aio::async_with(sem);  // at most `limit` requests hold a permit at once  // @acquire
        co_await get(latency, c);
    }
    c.crawled += 1;
    if (c.crawled % (c.urls / 10) == 0) {  // a line every 10 %, not one per page
        aio::log(lessons::format("%d of %d pages crawled, %d in flight", c.crawled, c.urls, c.in_flight));
        lessons::note("crawled", "", c.crawled);
        lessons::note("in-flight", "", c.in_flight);
    }
}

aio::Task<void> scenario(const lessons::Params& p, bool pitfall) {
    Counters c;
    c.urls = p.integer("urls");
    const double latency = p["latency"];
    const double start = aio::time();
    aio::Semaphore sem(p.integer("limit"), "sem");  // @semaphore
    lessons::Rng rng(11);  // each request's latency
    // One task per URL: cheap, even 100,000 of them. The semaphore bounds what they do.
    std::vector<aio::Task<void>> fetches;
    fetches.reserve(static_cast<std::size_t>(c.urls));
    for (int url = 1; url <= c.urls; ++url) {
        const double each = latency * static_cast<double>(rng.randint(5, 15)) / 10;
        fetches.push_back(aio::create_task(fetch(each, sem, pitfall, c), "fetch-" + std::to_string(url)));  // @create_task
    }
    aio::log(lessons::format("%zu tasks created, main awaits gather", fetches.size()));
    lessons::note("created", "", static_cast<double>(fetches.size()));
    co_await aio::gather(fetches);  // @gather
    aio::log(lessons::format("crawled %d pages in %.3f s", c.crawled, aio::time() - start));
    lessons::note("done", "", aio::time() - start);
    aio::log(lessons::format("peak: %d requests in flight at once", c.peak));
    lessons::note("peak", "", c.peak);
}

}  // namespace lessons::many_tasks
