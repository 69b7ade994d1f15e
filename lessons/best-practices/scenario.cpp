// Seven rules of thumb, each as a before/after pair: the `rule` parameter picks one, the
// pitfall switch shows the mistake ("before"), without it you see the fix ("after").
// The C++ twin of lesson.py.
#include <aio/aio.hpp>
#include <lessons/facts.hpp>
#include <lessons/format.hpp>
#include <lessons/lesson.hpp>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace lessons::best_practices {

// Python's module globals. C++ keeps one set per thread and resets it in scenario(), because
// the app runs the scenario many times in one process.
thread_local bool PITFALL = false;         // the mistake ("before") or the fix ("after")
thread_local int opened = 0;               // connections opened so far
thread_local int in_flight = 0, peak = 0;  // requests running right now, and the most at once

aio::Task<void> connect() {  // opening a connection (TCP, and TLS for https): 0.3 s
    opened += 1;
    co_await aio::sleep(0.3);  // @connect
}

aio::Task<void> request() {  // one HTTP request or one query: 0.1 s
    co_await aio::sleep(0.1);  // @request
}

struct Session {  // like aiohttp.ClientSession: creating one does no I/O
    bool connected = false;  // its connection pool starts empty

    aio::Task<void> get() {  // one request; the first one on a session opens the connection
        if (!connected) {
            co_await connect();  // @session-connect
            connected = true;
        }
        co_await request();  // @session-request
    }
};

aio::Task<void> one_session() {  // 1. one session per app
    Session session;  // after: one session for everything  // @session-once
    for (int k = 0; k < 3; ++k) {
        if (PITFALL) {
            session = Session();  // before: a new session, with an empty pool, per request  // @session-each
        }
        co_await session.get();  // @get
    }
    aio::log(format("3 requests done, connections opened: %d", opened));
    lessons::note("connections-opened", "", opened);
}

aio::Task<void> hanging_request() {  // a server that never answers
    aio::Event never;
    co_await never.wait();  // @never
}

aio::Task<void> always_timeout() {  // 2. always a timeout
    if (PITFALL) {
        co_await hanging_request();  // before: waits forever  // @no-timeout
    }
    try {
        co_await aio::wait_for(hanging_request(), 0.5);  // @wait_for
    } catch (const aio::TimeoutError&) {
        aio::log("caught TimeoutError after 0.5 s; the program goes on");
        lessons::note("caught", "TimeoutError");
    }
}

aio::Task<void> worker(std::shared_ptr<aio::Queue<int>> q) {
    while (true) {
        int item = co_await q->get();  // @get-item
        co_await request();  // @work-item
        aio::log(format("worker finished item %d", item));
        if (!PITFALL) {
            q->task_done();  // before: forgotten, so join() never returns  // @task_done
        }
    }
}

aio::Task<void> task_done_after_get() {  // 3. task_done() after every get()
    // Shared with the worker, which outlives this function: Python's garbage collector keeps the
    // queue alive for it, C++ needs the shared_ptr.
    auto q = std::make_shared<aio::Queue<int>>();
    auto w = aio::create_task(worker(q), "worker");  // @create_task
    for (int item = 0; item < 3; ++item) q->put_nowait(item);  // @put
    co_await q->join();  // @join
    aio::log("join() returned: every item is done");
    lessons::note("joined");
    w.cancel();  // @cancel
}

aio::Task<void> job() {
    try {
        co_await aio::sleep(1);  // @job
    } catch (const aio::CancelledError&) {
        aio::log("job: cancelled, cleaning up");  // (no co_await here: C++ forbids it in a catch block)
        if (!PITFALL) {
            throw;  // after: pass the cancellation on  // @reraise
        }
    }
    aio::log("job: carries on as if nothing happened");
    co_await aio::sleep(1);  // @carry-on
}

aio::Task<void> reraise_cancelled() {  // 4. re-raise CancelledError
    try {
        co_await aio::timeout(0.5, [](aio::Timeout&) -> aio::Task<void> { co_await job(); });  // @timeout
        aio::log("no TimeoutError although the timeout fired at 0.5 s: the job swallowed the cancellation");
        lessons::note("timeout-swallowed");
    } catch (const aio::TimeoutError&) {
        aio::log("caught TimeoutError after 0.5 s");
        lessons::note("caught", "TimeoutError");
    }
}

aio::Task<void> limited(aio::Semaphore& shared) {
    std::optional<aio::Semaphore> own;
    if (PITFALL) own.emplace(2);  // before: a new one on every call  // @own-sem
    aio::Semaphore& sem = PITFALL ? *own : shared;
    {
        auto held = co_await aio::async_with(sem);  // @acquire
        in_flight += 1;
        peak = std::max(peak, in_flight);
        co_await request();  // @limited-request
        in_flight -= 1;
    }
}

aio::Task<void> semaphore_outside() {  // 5. create the semaphore once, outside
    aio::Semaphore shared(2, "shared");  // @shared-sem
    std::vector<aio::Task<void>> calls;
    for (int k = 0; k < 5; ++k) calls.push_back(limited(shared));
    co_await aio::gather(std::move(calls));  // @gather
    aio::log(format("5 requests done, at most %d at once (the limit is 2)", peak));
    lessons::note("peak", "", peak);
}

aio::Task<void> work() {
    co_await request();  // @work
    aio::log("work done");
    lessons::note("work-done");
}

aio::Task<void> run_once() {  // 6. asyncio.run() once, at the top
    if (PITFALL) {
        try {
            aio::run(work());  // before: a second event loop inside the running one  // @nested-run
        } catch (const aio::RuntimeError&) {
            aio::log("caught RuntimeError");
            lessons::note("caught", "RuntimeError");
        }
    } else {
        co_await work();  // after: inside the loop, just await  // @await-work
    }
}

aio::Task<void> pool_not_connect() {  // 7. a pool instead of a connection per query
    aio::Queue<std::string> pool(0, "pool");
    if (!PITFALL) {
        co_await connect();  // after: the pool opens its connection once  // @pool-connect
        pool.put_nowait("connection");  // @pool-put
    }
    for (int k = 0; k < 4; ++k) {
        if (PITFALL) {
            co_await connect();  // before: a new connection for every query  // @connect-per-query
            co_await request();  // @query-before
        } else {
            std::string conn = co_await pool.get();  // @pool-get
            co_await request();  // @query
            pool.put_nowait(conn);  // @pool-return
        }
    }
    aio::log(format("4 queries done, connections opened: %d", opened));
    lessons::note("connections-opened", "", opened);
}

struct Rule {
    const char* name;  // Python prints the function's __name__
    aio::Task<void> (*demo)();
};
const Rule RULES[] = {{"one_session", one_session},
                      {"always_timeout", always_timeout},
                      {"task_done_after_get", task_done_after_get},
                      {"reraise_cancelled", reraise_cancelled},
                      {"semaphore_outside", semaphore_outside},
                      {"run_once", run_once},
                      {"pool_not_connect", pool_not_connect}};

aio::Task<void> scenario(const Params& p, bool pitfall) {
    PITFALL = pitfall;
    opened = in_flight = peak = 0;
    const Rule& demo = RULES[p.integer("rule") - 1];
    aio::log(format("rule %d: %s, %s", p.integer("rule"), demo.name, PITFALL ? "before" : "after"));
    co_await demo.demo();  // @demo
}

}  // namespace lessons::best_practices
