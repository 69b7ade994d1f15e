// Level "cache stampede": check the cache, await the load, fill the cache. Two requests for
// the same user; in the broken version both can find the cache empty before the first load
// returns, and the database loads the user twice. The fixed version caches the task of the
// load, with no await between the check and the fill, so the second request awaits the load
// the first one started.
#include <levels/level.hpp>

#include <aio/aio.hpp>

#include <map>
#include <memory>
#include <optional>
#include <string>

namespace levels::embedded::cache_stampede {
extern const std::string_view broken_py, fixed_py, text_de, text_en;
}

namespace levels {

namespace {

constexpr const char* KEY = "user:7";
constexpr const char* USER = "Grace";  // user['name'] of user 7

struct Db {
    std::map<std::string, int> started;  // db.load() calls started, per key
};

struct Server {
    std::shared_ptr<Db> db = std::make_shared<Db>();
    std::map<std::string, std::string> users;            // the broken cache: loaded users
    std::map<std::string, aio::Task<std::string>> loads;  // the fixed cache: the tasks of the loads
};

// db.load(key). Holds the Db, not the Server: the Server holds this task (no cycle).
aio::Task<std::string> db_load(World* w, std::shared_ptr<Db> db, std::string key) {
    db->started[key] += 1;
    co_await w->io("db.load('" + key + "')");
    co_return std::string(USER);
}

aio::Task<void> handle(World* w, std::shared_ptr<Server> server, std::string name, Variant variant) {
    co_await w->io("request.parse('" + name + "')");
    const std::string key = KEY;
    std::string user;
    if (variant == Variant::Broken) {
        if (!server->users.contains(key)) {
            std::string loaded = co_await db_load(w, server->db, key);  // check ... await ... fill
            server->users[key] = loaded;
        }
        user = server->users.at(key);
    } else {
        if (!server->loads.contains(key)) {
            server->loads.emplace(key, aio::create_task(db_load(w, server->db, key), "load " + key));
        }
        aio::Task<std::string> load = server->loads.at(key);
        user = co_await load;
    }
    w->print(name + " sees " + user);
}

aio::Task<void> program(World& w, Variant variant) {
    auto server = std::make_shared<Server>();
    std::shared_ptr<Db> db = server->db;
    w.invariant("db.load(key) starts at most once per key", [db]() -> std::optional<std::string> {
        for (const auto& [key, times] : db->started) {
            if (times > 1) return "db.load('" + key + "') started " + std::to_string(times) + " times";
        }
        return std::nullopt;
    });
    w.watch("db.load('user:7') started", [db] {
        const auto it = db->started.find(KEY);
        const int times = it == db->started.end() ? 0 : it->second;
        return std::to_string(times) + (times == 1 ? " time" : " times");
    });
    w.watch("cache", [server, variant] {
        std::string text = "{";
        if (variant == Variant::Broken) {
            for (const auto& [key, user] : server->users) {
                if (text.size() > 1) text += ", ";
                text += "'" + key + "': {'name': '" + user + "'}";
            }
        } else {
            for (const auto& [key, load] : server->loads) {
                if (text.size() > 1) text += ", ";
                text += "'" + key + "': <Task " + (load.done() ? "finished" : "pending") + " name='" + load.name() + "'>";
            }
        }
        return text + "}";
    });
    auto tasks = [&](aio::TaskGroup& tg) -> aio::Task<void> {  // async with asyncio.TaskGroup() as tg:
        tg.create_task(handle(&w, server, "ann", variant), "ann");
        tg.create_task(handle(&w, server, "bob", variant), "bob");
        co_return;
    };
    co_await aio::task_group(tasks);
}

}  // namespace

Level make_cache_stampede() {
    namespace e = embedded::cache_stampede;
    return {"cache-stampede", e::broken_py, e::fixed_py, e::text_de, e::text_en, &program};
}

}  // namespace levels
