// Async iteration and context managers: a reader opens a connection with `async with`, streams
// search results page by page from an async generator and stops after page STOP; meanwhile a
// follower reads a live feed from the same kind of generator until main cancels it.
// The C++ twin of lesson.py: an async generator is aio::AsyncGenerator<T>, `async for` is
// `while (auto x = co_await gen.next())`, and `async with` takes the body as a lambda.
#include <aio/aio.hpp>
#include <lessons/facts.hpp>
#include <lessons/format.hpp>
#include <lessons/lesson.hpp>

#include <exception>
#include <string>

namespace lessons::async_iteration {

constexpr double CONNECT = 0.1;  // seconds to open (and to close) a connection
constexpr double RENDER = 0.5;   // seconds the reader spends rendering what it got

// Python's module globals. C++ keeps one set per thread and resets it in scenario(), because
// the app runs the scenario many times in one process.
thread_local int PAGES = 5;         // pages in the search result
thread_local double LATENCY = 0.2;  // seconds to fetch one page
thread_local int STOP = 3;          // the reader stops after this page
thread_local bool PITFALL = false;  // the reader leaves the loop with break and never closes the generator

// The running task's name; a task without a name of its own is one the event loop made.
std::string current_task_name() {
    const std::string& name = aio::current_task().name();
    return name.rfind("Task-", 0) == 0 ? "a task of the event loop" : name;
}

// @asynccontextmanager: everything before the co_yield is __aenter__, everything after it
// __aexit__ (aio::async_with runs it around a body).
aio::AsyncGenerator<std::string> connection(std::string name) {
    aio::log(name + ": connecting");
    co_await aio::sleep(CONNECT);  // @connect
    aio::log(name + ": connected");
    lessons::note("connected", name);
    std::exception_ptr error;  // try/finally: C++ cannot co_await in a catch block
    try {
        co_yield name;  // the value of `as` in `async with connection(...) as conn`  // @conn-yield
    } catch (...) {
        error = std::current_exception();
    }
    co_await aio::sleep(CONNECT);  // @disconnect
    aio::log(name + ": connection closed");
    lessons::note("connection-closed", name);
    if (error) std::rethrow_exception(error);
}

// An async generator: it awaits (fetches a page), then yields it to the `async for`.
aio::AsyncGenerator<int> stream_pages(std::string conn, int pages) {
    int fetched = 0;
    std::exception_ptr error;
    try {
        for (int number = 1; number <= pages; ++number) {
            co_await aio::sleep(LATENCY);  // @fetch
            fetched = number;
            co_yield number;  // @yield
        }
    } catch (...) {
        error = std::current_exception();  // GeneratorExit (aclose) or CancelledError
    }
    // finally: runs at the end, at aclose() (GeneratorExit at the co_yield) or on a cancellation.
    const std::string task = current_task_name();
    aio::log(format("%s: stream cleanup after %d pages, in %s", conn.c_str(), fetched, task.c_str()));
    lessons::note("stream-cleanup:" + conn, task, fetched);
    co_await aio::sleep(0.05);  // tell the server to stop sending  // @stop-stream
    aio::log(conn + ": stream closed");
    lessons::note("stream-closed", conn, fetched);
    if (error) std::rethrow_exception(error);
}

aio::Task<void> reader() {
    aio::AsyncGenerator<int> pages;  // (pitfall: lives as long as the reader, like Python's local)
    co_await aio::async_with(connection("search"), [&](std::string& conn) -> aio::Task<void> {  // @with-connection
        if (PITFALL) {
            pages = stream_pages(conn, PAGES);  // nobody closes it  // @no-aclosing
            while (auto page = co_await pages.next()) {  // @async-for-pitfall
                aio::log(format("reader got page %d", *page));
                lessons::note("page", "reader", *page);
                if (*page == STOP) {
                    lessons::note("break", "reader", *page);
                    break;  // leaves the generator suspended at its co_yield  // @break-pitfall
                }
            }
        } else {
            auto stream = stream_pages(conn, PAGES);
            co_await aio::aclosing(stream, [&](aio::AsyncGenerator<int>& pages) -> aio::Task<void> {  // @aclosing
                while (auto page = co_await pages.next()) {  // @async-for
                    aio::log(format("reader got page %d", *page));
                    lessons::note("page", "reader", *page);
                    if (*page == STOP) {
                        lessons::note("break", "reader", *page);
                        break;  // aclosing's __aexit__ closes the generator right away  // @break
                    }
                }
            });
        }
        aio::log("reader renders the pages");
        co_await aio::sleep(RENDER);  // @render
    });
    aio::log("reader done");
}

aio::Task<void> follower() {
    auto updates = stream_pages("feed", 100);
    while (auto update = co_await updates.next()) {  // @follow
        aio::log(format("follower got update %d", *update));
        lessons::note("update", "follower", *update);
    }
}

aio::Task<void> scenario(const Params& p, bool pitfall) {
    PAGES = p.integer("pages");
    LATENCY = p["latency"];
    STOP = p.integer("stop");
    PITFALL = pitfall;
    auto follow = aio::create_task(follower(), "follower");  // @create-follower
    co_await aio::create_task(reader(), "reader");  // @create-reader
    follow.cancel();  // the reader is done: stop following the feed  // @cancel
    try {
        co_await follow;  // @await-follower
    } catch (const aio::CancelledError&) {
        aio::log("follower cancelled");
        lessons::note("follower-cancelled", "follower");
    }
    co_await aio::sleep(0.1);  // a last moment before the program ends  // @last
    aio::log("main done");
}

}  // namespace lessons::async_iteration
