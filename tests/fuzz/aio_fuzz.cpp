// aio_fuzz: interprets a fuzz program description (tests/fuzz/generate.py, to_text) on aio,
// printing the same log as the Python program generate.py writes for it (to_python).
//
//   aio_fuzz FILE | -      run the description in FILE (or on stdin)
//   aio_fuzz --self-test … the same, with the first log line changed (the driver must notice)
//
// Each task is one coroutine (run_body) that walks its op list; blocks (try, timeout,
// TaskGroup, lock, semaphore) are nested op lists run inline, as Python runs a block's
// statements in the same coroutine. The log helpers are the rules' (rule_registry.hpp).
#include "rule_registry.hpp"
#include "stdout_log.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace {
using rules::log;

[[noreturn]] void fail(const std::string& why) {
    std::fprintf(stderr, "aio_fuzz: %s\n", why.c_str());
    std::exit(2);
}

// ---------------------------------------------------------------------------------------------
// The description
// ---------------------------------------------------------------------------------------------

struct Op {
    std::vector<std::string> w;  // the op's words: w[0] is its kind
    std::vector<Op> body;        // a block's ops
    std::vector<Op> handler;     // try_cancel: the except block
    const std::string& kind() const { return w[0]; }
    const std::string& arg(std::size_t i) const {
        if (i >= w.size()) fail("op '" + w[0] + "' lacks an argument");
        return w[i];
    }
};

struct Body {
    int value = 0;
    std::vector<Op> ops;
};

struct Prim {
    std::string name, kind;
    int arg = 0;
};

struct Program {
    std::vector<Prim> prims;
    std::map<std::string, Body> bodies;
};

std::vector<std::string> words(const std::string& line) {
    std::istringstream is(line);
    std::vector<std::string> out;
    for (std::string w; is >> w;) out.push_back(w);
    return out;
}

bool is_block(const std::string& k) {
    return k == "try_cancel" || k == "try_error" || k == "timeout" || k == "tg" || k == "lock" || k == "sem";
}

// Reads ops up to "end" (or "handler", which ends a try_cancel's body); returns that word.
std::string parse_ops(std::istream& in, std::vector<Op>& out) {
    for (std::string line; std::getline(in, line);) {
        auto w = words(line);
        if (w.empty()) continue;
        if (w[0] == "end" || w[0] == "handler") return w[0];
        Op op{std::move(w), {}, {}};
        if (is_block(op.kind())) {
            std::string stop = parse_ops(in, op.body);
            if (op.kind() == "try_cancel") {
                if (stop != "handler") fail("try_cancel without handler");
                stop = parse_ops(in, op.handler);
            }
            if (stop != "end") fail("block '" + op.kind() + "' not closed by end");
        }
        out.push_back(std::move(op));
    }
    fail("unexpected end of the description");
}

Program parse(std::istream& in) {
    Program p;
    std::string line;
    if (!std::getline(in, line) || line != "dirigent-fuzz 1") fail("not a dirigent-fuzz 1 description");
    while (std::getline(in, line)) {
        auto w = words(line);
        if (w.empty() || w[0] == "seed") continue;
        if (w[0] == "prim" && w.size() == 4) {
            p.prims.push_back({w[1], w[2], std::stoi(w[3])});
        } else if (w[0] == "body" && w.size() == 3) {
            Body& b = p.bodies[w[1]];
            b.value = std::stoi(w[2]);
            if (parse_ops(in, b.ops) != "end") fail("body " + w[1] + " not closed by end");
        } else {
            fail("unexpected line: " + line);
        }
    }
    if (!p.bodies.count("main")) fail("no body main");
    return p;
}

// ---------------------------------------------------------------------------------------------
// The interpreter
// ---------------------------------------------------------------------------------------------

using AnyQueue = std::variant<aio::Queue<int>*, aio::LifoQueue<int>*, aio::PriorityQueue<int>*>;

struct World {
    Program prog;
    bool self_test = false;
    // The primitives (made inside the loop, at the start of main).
    std::vector<std::unique_ptr<aio::Queue<int>>> fifo;
    std::vector<std::unique_ptr<aio::LifoQueue<int>>> lifo;
    std::vector<std::unique_ptr<aio::PriorityQueue<int>>> prio;
    std::map<std::string, AnyQueue> queues;
    std::map<std::string, std::unique_ptr<aio::Semaphore>> sems;
    std::map<std::string, std::unique_ptr<aio::Lock>> locks;
    std::map<std::string, std::unique_ptr<aio::Event>> events;
    // Every task by name, kept to the end (Python: the `tasks` dict); main by reference.
    std::map<std::string, aio::Task<int>> tasks;
    std::optional<aio::TaskRef> main_task;
};

World* world = nullptr;

// Where a task is: its name and the TaskGroups around (tgspawn uses the innermost).
struct Frame {
    std::string me;
    std::vector<aio::TaskGroup*> groups;
};

aio::Task<int> run_body(std::string name);
aio::Task<> run_ops(const std::vector<Op>& ops, Frame& f);

template <class M>
auto& lookup(M& m, const std::string& name, const char* what) {
    auto it = m.find(name);
    if (it == m.end()) fail(std::string("no ") + what + " named " + name);
    return *it->second;
}

aio::Task<int>& task_named(const std::string& name) {
    auto it = world->tasks.find(name);
    if (it == world->tasks.end()) fail("task " + name + " was not spawned where the generator says it surely is");
    return it->second;
}

// Python's keep(): remember the task, read its outcome when it is done.
aio::Task<int> keep(aio::Task<int> t) {
    world->tasks[t.get_name()] = t;
    t.add_done_callback([](const aio::Task<int>& done) {
        if (!done.cancelled()) (void)done.exception();
    });
    return t;
}

aio::Task<int> spawn(const std::string& name) {
    if (!world->prog.bodies.count(name)) fail("no body " + name);
    return keep(aio::create_task(run_body(name), name));
}

// show(): a result, an error, or a cancellation with its message.
std::string show(std::exception_ptr e) {
    try {
        std::rethrow_exception(e);
    } catch (const aio::CancelledError& c) {
        return rules::str("CancelledError '", c.message(), "'");
    } catch (...) {
        return rules::describe_current();
    }
}
template <class T>
std::string show(const aio::Result<T>& r) {
    return r.ok() ? std::to_string(r.value()) : show(r.error());
}
std::string show(int v) { return std::to_string(v); }

void cancel(const std::string& me, const std::string& name, const std::string& msg) {
    bool done;
    if (name == "main" && world->main_task) {
        done = world->main_task->cancel(msg);
    } else {
        auto it = world->tasks.find(name);
        if (it == world->tasks.end()) {
            log(me, ": cancel ", name, ": not created");
            return;
        }
        done = it->second.cancel(msg);
    }
    log(me, ": cancel ", name, " -> ", done);
}

// `co_await thing` under the generator's guard: a CancelledError is logged and raised again
// ("raise") or swallowed; any other error is logged.
template <class F>
aio::Task<> guarded(Frame& f, std::string what, std::string policy, F body) {
    try {
        co_await body();
    } catch (const aio::CancelledError&) {
        log(f.me, ": ", what, " raised ", show(std::current_exception()));
        if (policy == "raise") throw;
    } catch (const std::exception&) {
        log(f.me, ": ", what, " raised ", show(std::current_exception()));
    }
}

aio::Task<int> task_arg(const std::string& word, std::string* name) {
    // "+tN": spawned here; "tN": spawned before
    if (!word.empty() && word[0] == '+') {
        *name = word.substr(1);
        return spawn(*name);
    }
    *name = word;
    return task_named(word);
}

template <class Q>
aio::Task<> queue_op(Q& q, const Op& op, Frame& f) {
    const std::string& k = op.kind();
    const std::string& qn = op.arg(1);
    if (k == "put") {
        co_await q.put(std::stoi(op.arg(2)));
        log(f.me, ": put ", op.arg(2), " into ", qn);
    } else if (k == "get") {
        int v = co_await q.get();
        log(f.me, ": got ", v, " from ", qn);
    } else if (k == "put_nowait") {
        try {
            q.put_nowait(std::stoi(op.arg(2)));
            log(f.me, ": put_nowait ", op.arg(2), " into ", qn);
        } catch (const aio::QueueFull&) {
            log(f.me, ": put_nowait ", op.arg(2), " into ", qn, ": ", rules::describe_current());
        }
    } else if (k == "get_nowait") {
        try {
            int v = q.get_nowait();
            log(f.me, ": get_nowait ", v, " from ", qn);
        } catch (const aio::QueueEmpty&) {
            log(f.me, ": get_nowait from ", qn, ": ", rules::describe_current());
        }
    } else if (k == "task_done") {
        try {
            q.task_done();
            log(f.me, ": task_done ", qn);
        } catch (const aio::ValueError&) {
            log(f.me, ": task_done ", qn, ": ", rules::describe_current());
        }
    } else if (k == "join") {
        co_await q.join();
        log(f.me, ": joined ", qn);
    }
}

aio::Task<> run_op(const Op& op, Frame& f) {
    const std::string& k = op.kind();
    const std::string& me = f.me;
    if (k == "sleep") {
        co_await aio::sleep(std::stod(op.arg(1)));
    } else if (k == "log") {
        if (world->self_test) {
            world->self_test = false;
            log(me, ": ", op.arg(1), " (self-test)");
        } else {
            log(me, ": ", op.arg(1));
        }
    } else if (k == "spawn") {
        spawn(op.arg(1));
    } else if (k == "tgspawn") {
        if (f.groups.empty()) fail("tgspawn outside a TaskGroup");
        const std::string& name = op.arg(1);
        try {
            keep(f.groups.back()->create_task(run_body(name), name));
        } catch (const aio::RuntimeError&) {
            log(me, ": create ", name, " raised ", rules::describe_current());
        }
    } else if (k == "await") {
        const std::string& name = op.arg(1);
        co_await guarded(f, "await " + name, op.arg(2), [&]() -> aio::Task<> {
            int r = co_await task_named(name);
            log(me, ": await ", name, " -> ", r);
        });
    } else if (k == "gather") {
        const bool re = op.arg(1) == "re";
        std::vector<aio::Task<int>> kids;
        std::string names;
        for (std::size_t i = 3; i < op.w.size(); ++i) {
            std::string name;
            kids.push_back(task_arg(op.w[i], &name));
            names += (names.empty() ? "" : " ") + name;
        }
        co_await guarded(f, "gather " + names, op.arg(2), [&]() -> aio::Task<> {
            std::string out;
            if (re) {
                auto rs = co_await aio::gather(aio::return_exceptions, std::move(kids));
                for (auto& r : rs) out += (out.empty() ? "" : " ") + show(r);
            } else {
                auto rs = co_await aio::gather(std::move(kids));
                for (int r : rs) out += (out.empty() ? "" : " ") + show(r);
            }
            log(me, ": gather ", names, " -> ", out);
        });
    } else if (k == "shield") {
        std::string name;
        aio::Task<int> t = task_arg(op.arg(1), &name);
        co_await guarded(f, "shield " + name, op.arg(2), [&]() -> aio::Task<> {
            int r = co_await aio::shield(t);
            log(me, ": shield ", name, " -> ", r);
        });
    } else if (k == "wait_for") {
        std::string name;
        aio::Task<int> t = task_arg(op.arg(1), &name);
        const double timeout = std::stod(op.arg(2));
        co_await guarded(f, "wait_for " + name, op.arg(3), [&]() -> aio::Task<> {
            int r = co_await aio::wait_for(t, timeout);
            log(me, ": wait_for ", name, " -> ", r);
        });
    } else if (k == "cancel") {
        cancel(me, op.arg(1), op.arg(2) == "-" ? std::string() : op.arg(2));
    } else if (k == "raise") {
        log(me, ": raises ", op.arg(1));
        throw rules::Boom(op.arg(1));
    } else if (k == "put" || k == "get" || k == "put_nowait" || k == "get_nowait" || k == "task_done" ||
               k == "join") {
        auto it = world->queues.find(op.arg(1));
        if (it == world->queues.end()) fail("no queue named " + op.arg(1));
        co_await std::visit([&](auto* qp) { return queue_op(*qp, op, f); }, it->second);
    } else if (k == "ev_wait") {
        co_await lookup(world->events, op.arg(1), "event").wait();
        log(me, ": ", op.arg(1), " is set");
    } else if (k == "ev_set") {
        lookup(world->events, op.arg(1), "event").set();
        log(me, ": set ", op.arg(1));
    } else if (k == "ev_clear") {
        lookup(world->events, op.arg(1), "event").clear();
        log(me, ": clear ", op.arg(1));
    } else if (k == "try_cancel") {
        const std::string& mode = op.arg(1);
        std::exception_ptr caught;
        try {
            co_await run_ops(op.body, f);
        } catch (const aio::CancelledError&) {
            caught = std::current_exception();
        }
        if (caught) {  // except CancelledError: (C++ cannot co_await inside a catch block)
            log(me, ": caught ", show(caught), " cancelling=", aio::current_task().cancelling());
            if (mode == "uncancel") aio::current_task().uncancel();
            co_await run_ops(op.handler, f);
            if (mode == "raise") std::rethrow_exception(caught);
        }
    } else if (k == "try_error") {
        try {
            co_await run_ops(op.body, f);
        } catch (const std::exception&) {
            log(me, ": caught ", rules::describe_current());
        }
    } else if (k == "timeout") {
        const std::string& d = op.arg(1);
        try {
            co_await aio::timeout(std::stod(d), [&](aio::Timeout&) -> aio::Task<> { co_await run_ops(op.body, f); });
            log(me, ": timeout ", d, " block done");
        } catch (const aio::TimeoutError&) {
            log(me, ": timeout ", d, " expired");
        }
    } else if (k == "tg") {
        try {
            co_await aio::task_group([&](aio::TaskGroup& tg) -> aio::Task<> {
                f.groups.push_back(&tg);
                try {
                    co_await run_ops(op.body, f);
                } catch (...) {
                    f.groups.pop_back();
                    throw;
                }
                f.groups.pop_back();
            });
            log(me, ": taskgroup done");
        } catch (const aio::ExceptionGroup&) {
            log(me, ": taskgroup raised ", rules::describe_current());
        }
    } else if (k == "lock" || k == "sem") {
        const std::string& name = op.arg(1);
        {
            std::optional<aio::Held<aio::Lock>> held_lock;
            std::optional<aio::Held<aio::Semaphore>> held_sem;
            if (k == "lock") held_lock.emplace(co_await aio::async_with(lookup(world->locks, name, "lock")));
            else held_sem.emplace(co_await aio::async_with(lookup(world->sems, name, "semaphore")));
            log(me, ": holds ", name);
            co_await run_ops(op.body, f);
        }
        log(me, ": released ", name);
    } else {
        fail("unknown op " + k);
    }
}

aio::Task<> run_ops(const std::vector<Op>& ops, Frame& f) {
    for (const Op& op : ops) co_await run_op(op, f);
}

aio::Task<int> run_body(std::string name) {
    const Body& b = world->prog.bodies.at(name);
    Frame f{name, {}};
    co_await run_ops(b.ops, f);
    co_return b.value;
}

aio::Task<> run_main() {
    World& w = *world;
    for (const Prim& p : w.prog.prims) {
        if (p.kind == "queue") w.queues[p.name] = w.fifo.emplace_back(std::make_unique<aio::Queue<int>>(p.arg)).get();
        else if (p.kind == "lifo") w.queues[p.name] = w.lifo.emplace_back(std::make_unique<aio::LifoQueue<int>>(p.arg)).get();
        else if (p.kind == "prio") w.queues[p.name] = w.prio.emplace_back(std::make_unique<aio::PriorityQueue<int>>(p.arg)).get();
        else if (p.kind == "sem") w.sems[p.name] = std::make_unique<aio::Semaphore>(p.arg);
        else if (p.kind == "lock") w.locks[p.name] = std::make_unique<aio::Lock>();
        else if (p.kind == "event") w.events[p.name] = std::make_unique<aio::Event>();
        else fail("unknown primitive kind " + p.kind);
    }
    w.main_task = aio::current_task();
    co_await run_body("main");
}

}  // namespace

int main(int argc, char** argv) {
    World w;
    int i = 1;
    if (i < argc && std::strcmp(argv[i], "--self-test") == 0) {
        w.self_test = true;
        ++i;
    }
    if (i + 1 != argc) {
        std::fprintf(stderr, "usage: aio_fuzz [--self-test] FILE|-\n");
        return 2;
    }
    if (std::strcmp(argv[i], "-") == 0) {
        w.prog = parse(std::cin);
    } else {
        std::ifstream in(argv[i]);
        if (!in) fail(std::string("cannot read ") + argv[i]);
        w.prog = parse(in);
    }
    world = &w;
    rules::StdoutLog log;  // as aio_rules: the log on stdout (compared), warnings on stderr
    try {
        aio::run(run_main(), {.log_sink = &log, .main_name = "main"});
    } catch (const aio::DeadlockError&) {
        // The loop has printed the report and cleaned up; like vloop.run, a normal end.
    } catch (...) {
        std::printf("main raised %s\n", rules::describe_current().c_str());
    }
    std::fflush(stdout);
    // The tasks outlive the loop, as the Python program's `tasks` dict does.
    w.tasks.clear();
    world = nullptr;
    return 0;
}
