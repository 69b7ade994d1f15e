// Level "pool leak": three handlers share a pool of two connections; the server cancels a
// handler when its client hangs up. In the broken version an await sits between acquire()
// and the `try` whose `finally` releases the connection, so a cancellation there loses the
// connection for good; the fixed version opens the `try` right after acquire().
#include <levels/level.hpp>

#include <aio/aio.hpp>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace levels::embedded::pool_leak {
extern const std::string_view broken_py, fixed_py, text_de, text_en;
}

namespace levels {

namespace {

constexpr int CONNECTIONS = 2;

struct Server {
    aio::Queue<std::string> free{0, "pool"};  // the pool's free connections
    std::map<std::string, std::string> held;   // connection -> the handler holding it
    std::map<std::string, bool> cancelled;     // handler -> ended by a cancellation

    void release(const std::string& conn) {
        held.erase(conn);
        free.put_nowait(conn);
    }
};

// The `finally: pool.release(conn)`: releases when the scope is left, however.
class Release {
public:
    Release(std::shared_ptr<Server> server, std::string conn) : server_(std::move(server)), conn_(std::move(conn)) {}
    Release(const Release&) = delete;
    Release& operator=(const Release&) = delete;
    ~Release() { server_->release(conn_); }

private:
    std::shared_ptr<Server> server_;
    std::string conn_;
};

aio::Task<void> handle(World* w, std::shared_ptr<Server> server, std::string name, Variant variant) {
    try {
        const std::string conn = co_await server->free.get();  // pool.acquire()
        server->held[conn] = name;
        std::optional<Release> release;
        if (variant == Variant::Fixed) release.emplace(server, conn);  // the try starts here
        co_await w->io("audit.log('" + name + "')");
        if (!release) release.emplace(server, conn);  // the broken try starts only here
        co_await w->io("conn.fetch('" + name + "')");
        release.reset();
        w->print(name + " answered with " + conn);
    } catch (const aio::CancelledError&) {
        server->cancelled[name] = true;
        throw;
    }
}

std::string free_list(const Server& server) {
    std::string text;
    server.free.for_each_item([&](const std::string& conn) { text += (text.empty() ? "" : ", ") + conn; });
    return text.empty() ? std::string("none") : text;
}

aio::Task<void> program(World& w, Variant variant) {
    auto server = std::make_shared<Server>();
    w.invariant("every connection is free or held by a handler that still runs", [server]() -> std::optional<std::string> {
        for (const auto& [conn, handler] : server->held) {
            if (server->cancelled.contains(handler)) {
                return conn + " leaked: its handler " + handler + " was cancelled and never gave it back";
            }
        }
        return std::nullopt;
    });
    w.watch("free connections", [server] { return free_list(*server); });
    w.watch("held", [server] {
        std::string text;
        for (const auto& [conn, handler] : server->held) text += (text.empty() ? "" : ", ") + conn + " by " + handler;
        return text.empty() ? std::string("none") : text;
    });
    for (int k = 1; k <= CONNECTIONS; ++k) server->free.put_nowait("conn-" + std::to_string(k));
    std::vector<aio::Task<void>> handlers;
    for (const char* name : {"h1", "h2", "h3"}) {
        handlers.push_back(aio::create_task(handle(&w, server, name, variant), name));
        w.cancellable(handlers.back());  // the client may hang up
    }
    co_await aio::gather(aio::return_exceptions, handlers);
    w.print(std::to_string(server->free.qsize()) + " of " + std::to_string(CONNECTIONS) + " connections free");
}

}  // namespace

Level make_pool_leak() {
    namespace e = embedded::pool_leak;
    return {"pool-leak", e::broken_py, e::fixed_py, e::text_de, e::text_en, &program};
}

}  // namespace levels
