// Level "forgotten task_done": a queue of three URLs, two workers, main awaits queue.join().
// In the broken version the worker's `except ConnectionError: continue` skips task_done(),
// so after a failed fetch join() never returns; the fixed version calls task_done() in a
// `finally`, on every path.
#include <levels/level.hpp>

#include <aio/aio.hpp>

#include <memory>
#include <string>
#include <vector>

namespace levels::embedded::forgotten_task_done {
extern const std::string_view broken_py, fixed_py, text_de, text_en;
}

namespace levels {

namespace {

const std::vector<std::string> URLS = {"/home", "/news", "/shop"};

struct Crawl {
    aio::Queue<std::string> queue{0, "queue"};
    std::vector<std::string> pages;  // the URLs saved, in order
};

aio::Task<void> worker(World* w, std::shared_ptr<Crawl> crawl, std::string name, Variant variant) {
    for (;;) {
        const std::string url = co_await crawl->queue.get();
        bool failed = false;
        try {
            co_await w->io("web.fetch('" + url + "')", true);
        } catch (const ConnectionError&) {
            failed = true;
        }
        if (failed) {
            w->print(name + " skips " + url + ": fetch failed");
            // Broken: `continue` before task_done(). Fixed: the `finally` still runs it.
            if (variant == Variant::Fixed) crawl->queue.task_done();
            continue;
        }
        crawl->pages.push_back(url);
        w->print(name + " saved " + url);
        crawl->queue.task_done();
    }
}

aio::Task<void> program(World& w, Variant variant) {
    auto crawl = std::make_shared<Crawl>();
    w.invariant("queue.join() returns: main gets past it");
    w.watch("unfinished", [crawl] { return std::to_string(crawl->queue.unfinished_tasks()); });
    w.watch("in the queue", [crawl] { return std::to_string(crawl->queue.qsize()); });
    w.watch("saved", [crawl] {
        std::string text;
        for (const std::string& url : crawl->pages) text += (text.empty() ? "" : ", ") + url;
        return text.empty() ? std::string("none") : text;
    });
    for (const std::string& url : URLS) crawl->queue.put_nowait(url);
    std::vector<aio::Task<void>> workers;
    for (const char* name : {"worker-1", "worker-2"}) {
        workers.push_back(aio::create_task(worker(&w, crawl, name, variant), name));
    }
    co_await crawl->queue.join();
    for (aio::Task<void>& task : workers) task.cancel();
    co_await aio::gather(aio::return_exceptions, workers);
    w.print("all pages done, " + std::to_string(crawl->pages.size()) + " saved");
}

}  // namespace

Level make_forgotten_task_done() {
    namespace e = embedded::forgotten_task_done;
    return {"forgotten-task-done", e::broken_py, e::fixed_py, e::text_de, e::text_en, &program};
}

}  // namespace levels
