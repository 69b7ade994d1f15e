// HTTP, modelled: one session, a limit on requests in flight, a timeout per attempt,
// retries with exponential backoff, and a server that answers 429 when it is busy.
#include <aio/aio.hpp>
#include <lessons/facts.hpp>
#include <lessons/format.hpp>
#include <lessons/lesson.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace lessons::http {

// --- The model of the server (in real code: the internet and your HTTP client) ---
constexpr double LATENCY = 0.1;  // the server answers after 0.1 s,
constexpr int HANG_EVERY = 4;    // the first call of every 4th request hangs,
constexpr int RATE = 4;          // and it accepts 4 requests per second

class Server {  // a deterministic model of a web server with a rate limit per second
public:
    Server() : start_(aio::time()) {}

    // The status and the Retry-After in seconds (0 when there is none).
    aio::Task<std::pair<int, double>> handle(int i) {
        double now = aio::time() - start_;
        if (static_cast<int>(now) != second_) {  // a new second: the counter starts again
            second_ = static_cast<int>(now);
            count_ = 0;
        }
        count_ += 1;
        if (count_ > RATE) {  // too many: 429, "retry after" the next second
            co_await aio::sleep(LATENCY);  // @busy
            co_return std::pair{429, second_ + 1 - now};
        }
        if (i % HANG_EVERY == 0 && !seen_.contains(i)) {
            seen_.insert(i);
            co_await aio::sleep(3600);  // this call hangs  // @hang
        }
        co_await aio::sleep(LATENCY);  // @answer
        co_return std::pair{200, 0.0};
    }

private:
    double start_;
    int second_ = 0, count_ = 0;
    std::set<int> seen_;
};

class Session {  // stands in for aiohttp.ClientSession or httpx.AsyncClient
public:
    explicit Session(Server& server) : server_(server) {}

    aio::Task<std::pair<int, double>> get(int i) {
        sent += 1;
        co_return co_await server_.handle(i);  // @handle
    }
    int sent = 0;

private:
    Server& server_;
};

// --- Your code ---
constexpr int MAX_ATTEMPTS = 4;

aio::Task<bool> fetch(Session& session, aio::Semaphore& limit, int i, const Params& p, bool pitfall) {
    const std::string name = format("req-%d", i);
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; ++attempt) {
        bool timed_out = false;  // the status stays a number: 0 while there is no answer
        int status = 0;
        double retry_after = 0.0;
        {
            auto held = co_await aio::async_with(limit);  // a free slot, held for one attempt  // @limit
            try {
                // The timeout for one attempt. aiohttp and httpx have their own as well:
                // aiohttp.ClientTimeout(total=..., connect=...), httpx.Timeout(..., connect=...).
                std::tie(status, retry_after) = co_await aio::wait_for(session.get(i), p["timeout"]);  // @wait_for
            } catch (const aio::TimeoutError&) {  // @timeout
                timed_out = true;  // no answer, so no status
            }
        }
        if (timed_out) {
            lessons::note("timeout", name, attempt);
        } else {
            lessons::note("status", name, status);
        }
        if (status == 200) {
            aio::log(format("req %d attempt %d: 200 OK", i, attempt));
            lessons::note("ok", name, attempt);
            co_return true;
        }
        const std::string outcome = timed_out ? "timeout" : std::to_string(status);
        if (attempt == MAX_ATTEMPTS) {
            aio::log(format("req %d attempt %d: %s, giving up", i, attempt, outcome.c_str()));
            lessons::note("gave-up", name, attempt);
            co_return false;
        }
        // Honour Retry-After, back off exponentially. No jitter, so that every run gives the same
        // times; real code adds some (a random factor), so that clients do not retry in lockstep.
        double delay = std::max(retry_after, p["backoff"] * std::pow(2, attempt - 1));
        if (pitfall) {
            delay = 0.0;  // the mistake: try again at once
        }
        aio::log(format("req %d attempt %d: %s, next try in %.3f s", i, attempt, outcome.c_str(), delay));
        co_await aio::sleep(delay);  // @backoff
    }
    co_return false;
}

aio::Task<void> scenario(const Params& p, bool pitfall) {
    Server server;
    Session session(server);  // ONE session for the whole program  // @session
    aio::Semaphore limit(p.integer("limit"), "limit");  // created once, outside the requests  // @semaphore
    std::vector<aio::Task<bool>> tasks;
    for (int i = 1; i <= p.integer("requests"); ++i)
        tasks.push_back(aio::create_task(fetch(session, limit, i, p, pitfall), format("req-%d", i)));  // @create_task
    std::vector<bool> results = co_await aio::gather(std::move(tasks));  // @gather
    auto ok = std::count(results.begin(), results.end(), true);
    auto failed = std::count(results.begin(), results.end(), false);
    aio::log(format("done: %ld ok, %ld failed, %d sent", ok, failed, session.sent));
    lessons::note("sent", "", session.sent);
}

}  // namespace lessons::http
