// Level "semaphore per call": a crawler limits its requests with `async with
// asyncio.Semaphore(2)`, but the broken version makes that semaphore inside fetch(), one per
// call, so each one counts only its own request and all 3 can be under way at once. The fixed
// version makes one semaphore in main and passes it to every fetch.
#include <levels/level.hpp>

#include <aio/aio.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace levels::embedded::semaphore_per_call {
extern const std::string_view broken_py, fixed_py, text_de, text_en;
}

namespace levels {

namespace {

constexpr int ALLOWED = 2;  // connections the server allows at once
const char* const URLS[] = {"site.org/a", "site.org/b", "site.org/c"};

struct Crawl {
    int in_flight = 0;
    aio::Semaphore limit{ALLOWED, "limit"};  // the fixed version's one semaphore
};

aio::Task<void> fetch(World* w, std::shared_ptr<Crawl> crawl, std::string url, Variant variant) {
    co_await w->io("dns.resolve('" + url + "')");
    aio::Semaphore own(ALLOWED, "Semaphore(2)");  // the broken version's: a new one per call
    aio::Semaphore& limit = variant == Variant::Broken ? own : crawl->limit;
    auto held = co_await aio::async_with(limit);
    crawl->in_flight += 1;
    w->print("get " + url + ": " + std::to_string(crawl->in_flight) + " in flight");
    co_await w->io("http.get('" + url + "')");
    crawl->in_flight -= 1;
}

aio::Task<void> program(World& w, Variant variant) {
    auto crawl = std::make_shared<Crawl>();
    w.invariant("in_flight <= 2", [crawl]() -> std::optional<std::string> {
        if (crawl->in_flight <= ALLOWED) return std::nullopt;
        return std::to_string(crawl->in_flight) + " requests in flight, the server allows " + std::to_string(ALLOWED);
    });
    w.watch("in_flight", [crawl] { return std::to_string(crawl->in_flight); });
    auto tasks = [&](aio::TaskGroup& tg) -> aio::Task<void> {  // async with asyncio.TaskGroup() as tg:
        for (const char* url : URLS) tg.create_task(fetch(&w, crawl, url, variant), url);
        co_return;
    };
    co_await aio::task_group(tasks);
}

}  // namespace

Level make_semaphore_per_call() {
    namespace e = embedded::semaphore_per_call;
    return {"semaphore-per-call", e::broken_py, e::fixed_py, e::text_de, e::text_en, &program};
}

}  // namespace levels
