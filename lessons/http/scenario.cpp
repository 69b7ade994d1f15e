// HTTP, modelled: one session, a limit on requests in flight, a timeout per attempt,
// retries with exponential backoff, and a server that answers 429 when it is busy.
#include <aio/aio.hpp>
#include <lessons/format.hpp>
#include <lessons/lesson.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace lessons::http {

constexpr int MAX_ATTEMPTS = 4;
constexpr double LATENCY = 0.1;  // the server answers after 0.1 s,
constexpr int HANG_EVERY = 4;    // the first call of every 4th request hangs,
constexpr int RATE = 4;          // and it accepts 4 requests per second

class Server {  // a deterministic model of a web server with a rate limit per second
public:
    Server() : start_(aio::time()) {}

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

class Session {  // like aiohttp.ClientSession: created once, shared by every request
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

aio::Task<bool> fetch(Session& session, aio::Semaphore& limit, int i, const Params& p, bool pitfall) {
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; ++attempt) {
        std::string status;  // Python keeps 200 as a number and "timeout" as text; C++ uses text
        double retry_after = 0.0;
        {
            auto held = co_await aio::async_with(limit);  // a free slot, held for one attempt  // @limit
            try {
                auto [code, after] = co_await aio::wait_for(session.get(i), p["timeout"]);  // @wait_for
                status = std::to_string(code);
                retry_after = after;
            } catch (const aio::TimeoutError&) {  // @timeout
                status = "timeout";
                retry_after = 0.0;
            }
        }
        if (status == "200") {
            aio::log(format("req %d attempt %d: 200 OK", i, attempt));
            co_return true;
        }
        if (attempt == MAX_ATTEMPTS) {
            aio::log(format("req %d attempt %d: %s, giving up", i, attempt, status.c_str()));
            co_return false;
        }
        // Honour Retry-After, back off exponentially.
        double delay = std::max(retry_after, p["backoff"] * std::pow(2, attempt - 1));
        if (pitfall) {
            delay = 0.0;  // the mistake: try again at once
        }
        aio::log(format("req %d attempt %d: %s, next try in %.3f s", i, attempt, status.c_str(), delay));
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
}

}  // namespace lessons::http
