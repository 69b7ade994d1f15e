// trace_file_fuzz [N] [seed]: mutation fuzzing of the trace file reader, without libFuzzer.
//
// Takes a few valid traces (written from real runs right here) and, N times (default
// 20000), mutates one deterministically -- byte flips, truncations at every kind of
// position, duplicated / swapped / dropped lines, 100000-deep nesting, huge numbers,
// long strings, bad escapes, random bytes, other event names and ids -- or makes up a
// random trace with extreme values. Each input goes through read_trace_file, and a loaded
// one is folded into a TraceState event by event and written as Chrome trace and text
// log. A quarter of the made-up traces break the format's rules (tasks and objects never
// created, run_end anywhere): those are folded and exported directly as well, since the
// fold must survive them even though the reader refuses them. Build with
// DIRIGENT_SANITIZE=ON to have ASan / UBSan watch all of it.
//
// Exits 1 when an invariant breaks: a refused input without a message or with a position
// outside the input; a loaded trace that does not end in RunEnd or is not numbered in
// order; a written-and-read-again trace that differs or is refused; a made-up trace
// that keeps the rules but is refused; feeding in chunks that disagrees with reading at
// once. A crash, a sanitizer report or a hang fails the test as well.
#include "aio/aio.hpp"
#include "trace/chrome_trace.hpp"
#include "trace/recorder.hpp"
#include "trace/text_log.hpp"
#include "trace/trace_file.hpp"
#include "trace/trace_state.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <limits>
#include <sstream>
#include <streambuf>
#include <string>
#include <variant>
#include <vector>

namespace {

// --- deterministic randomness (std distributions differ between libraries) --------------

class Rng {
public:
    explicit Rng(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);  // splitmix64
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    // Uniform in [0, n) (n > 0; the tiny bias does not matter here).
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
    bool one_in(std::size_t n) { return below(n) == 0; }
    template <class T, std::size_t N>
    const T& pick(const T (&items)[N]) { return items[below(N)]; }

private:
    std::uint64_t state_;
};

// --- the seeds: real runs ------------------------------------------------------------------

aio::Task<> worker(aio::Queue<std::string>& q, aio::Semaphore& sem, aio::Lock& lock, aio::Event& go, int id) {
    co_await go.wait();
    while (true) {
        const std::string job = co_await q.get();
        co_await sem.acquire();
        co_await aio::sleep(0.01 * (id + 1));
        sem.release();
        co_await lock.acquire();
        aio::log("w" + std::to_string(id) + " did " + job);
        lock.release();
        q.task_done();
    }
}

aio::Task<int> slow() {
    co_await aio::sleep(10);
    co_return 1;
}

aio::Task<> fails() {
    co_await aio::sleep(0.01);
    throw std::runtime_error("boom \"q\"\n\xC3\xA9");
}

aio::Task<> mixed_main() {
    aio::Queue<std::string> q(1, "jobs");
    aio::Semaphore sem(1, "pool");
    aio::Lock lock("print");
    aio::Event go("go");
    auto w0 = aio::create_task(worker(q, sem, lock, go, 0), "w0");
    auto w1 = aio::create_task(worker(q, sem, lock, go, 1), "w1");
    auto failing = aio::create_task(fails(), "fails");
    go.set();
    for (int j = 0; j < 2; ++j) co_await q.put("job \xE6\x97\xA5 " + std::to_string(j));
    co_await q.join();
    try {
        co_await aio::wait_for(slow(), 0.05);
    } catch (const aio::TimeoutError&) {
        aio::log("timed out");
    }
    try {
        co_await failing;
    } catch (const std::exception&) {
    }
    w0.cancel();
    w1.cancel();
    try {
        co_await w0;
    } catch (const aio::CancelledError&) {
    }
    try {
        co_await w1;
    } catch (const aio::CancelledError&) {
    }
}

aio::Task<> waits_forever(aio::Queue<int>& q) { (void)co_await q.get(); }

aio::Task<> deadlocked_main() {
    aio::Queue<int> q(0, "inbox");
    auto reader = aio::create_task(waits_forever(q), "reader");
    co_await reader;
}

aio::Task<> failing_main() {
    co_await aio::sleep(0.5);
    throw std::runtime_error("main failed");
}

std::string file_of(const trace::TraceHeader& header, const trace::Recorder& recorder) {
    std::ostringstream out;
    trace::write_trace_file(out, header, recorder);
    return out.str();
}

std::vector<std::string> seed_traces() {
    trace::TraceHeader header;
    header.values = {{"program", "/home/learner/prog.py"}, {"clock", "virtual"}, {"writer", "trace_file_fuzz"}};
    std::vector<std::string> seeds;
    {
        trace::Recorder r;
        aio::run(mixed_main(), {.sink = &r});
        seeds.push_back(file_of(header, r));
    }
    {
        trace::Recorder r;
        try {
            aio::run(deadlocked_main(), {.sink = &r});
        } catch (const aio::DeadlockError&) {
        }
        seeds.push_back(file_of(header, r));
    }
    {
        trace::Recorder r;
        try {
            aio::run(failing_main(), {.sink = &r});
        } catch (const std::runtime_error&) {
        }
        seeds.push_back(file_of({}, r));
    }
    return seeds;
}

// --- made-up traces: the format's rules kept, the values extreme ------------------------------

constexpr std::int64_t i64_min = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t i64_max = std::numeric_limits<std::int64_t>::max();
constexpr std::uint32_t u32_max = std::numeric_limits<std::uint32_t>::max();

std::int64_t extreme_value(Rng& rng) {
    const std::int64_t values[] = {0, 1, -1, 2, 3, 100, i64_min, i64_max, i64_min + 1, i64_max - 1, 1'000'000'000, -1'000'000'000};
    return rng.one_in(3) ? static_cast<std::int64_t>(rng.next()) : rng.pick(values);
}

std::uint32_t extreme_id(Rng& rng) {
    const std::uint32_t ids[] = {1, 2, 3, 4, 5, 4096, 4097, 100000, u32_max - 1, u32_max};
    return rng.one_in(4) ? static_cast<std::uint32_t>(rng.next()) : rng.pick(ids);
}

std::string made_up_text(Rng& rng) {
    const char* const texts[] = {"", "x", "item", "a \"quoted\" \\ text\n", "\xC3\xA9\xE6\x97\xA5\xF0\x9F\x98\x80",
                                 "1.5", "-"};
    std::string text = rng.pick(texts);
    if (rng.one_in(8)) text += std::string(1, '\0') + "after nul";
    if (rng.one_in(16)) text += std::string(rng.below(3000), 'z');
    return text;
}

// With keep_rules false, tasks and objects appear without being created and run_end may
// come anywhere: what TraceState and the exporters must survive even if the reader refuses it.
void made_up_events(Rng& rng, std::size_t events, bool keep_rules, trace::Recorder& recorder) {
    using K = aio::TraceEventKind;
    static const char* const files[] = {"/home/x/prog.py", "", "C:\\\\w\\\\p.py", "/h/\xC3\xA9/\xE6\x97\xA5.py", "rel.py"};
    std::vector<std::uint32_t> tasks;
    std::vector<std::uint32_t> objects;
    std::uint64_t iteration = rng.one_in(4) ? rng.next() / 2 : 0;
    std::int64_t now = rng.one_in(4) ? i64_min : rng.one_in(3) ? i64_max - 5 : 0;
    for (std::size_t i = 0; i < events; ++i) {
        aio::TraceEvent e;
        e.seq = i;
        switch (rng.below(6)) {
        case 0:
            if (iteration < std::numeric_limits<std::uint64_t>::max()) iteration += 1;
            break;
        case 1:
            if (rng.one_in(8)) iteration = std::numeric_limits<std::uint64_t>::max();
            break;
        default: break;
        }
        switch (rng.below(6)) {
        case 0: now = now > i64_max - 1'000'000 ? i64_max : now + 1'000'000; break;
        case 1:
            if (rng.one_in(10)) now = i64_max;
            else if (now < 0) now += i64_max / 2;
            break;
        default: break;
        }
        e.iteration = iteration;
        e.time_ns = now;
        e.kind = i + 1 == events ? K::RunEnd
                 : static_cast<K>(rng.below(static_cast<std::size_t>(K::RunEnd) + (keep_rules ? 0 : 1)));
        e.wait = static_cast<aio::WaitKind>(rng.below(static_cast<std::size_t>(aio::WaitKind::Condition) + 1));
        e.outcome = static_cast<aio::Outcome>(rng.below(static_cast<std::size_t>(aio::Outcome::Deadlock) + 1));
        e.object_kind = static_cast<aio::ObjectKind>(rng.below(static_cast<std::size_t>(aio::ObjectKind::IO) + 1));
        e.other = rng.one_in(2) ? 0 : extreme_id(rng);
        e.value = extreme_value(rng);
        e.object = rng.one_in(3) ? 0 : extreme_id(rng);
        if (rng.one_in(3)) {
            e.file = rng.pick(files);
            e.line = rng.one_in(4) ? u32_max : static_cast<std::uint32_t>(rng.below(500));
        }
        e.text = made_up_text(rng);
        if (!keep_rules) {
            e.task = rng.one_in(3) ? 0 : extreme_id(rng);
            recorder.on_event(e);
            continue;
        }
        // The rules: tasks and sync objects are created before they are named.
        e.task = tasks.empty() || rng.one_in(4) ? 0 : tasks[rng.below(tasks.size())];
        if (e.kind == K::TaskCreated) {
            std::uint32_t id = extreme_id(rng);
            while (id == 0 || std::find(tasks.begin(), tasks.end(), id) != tasks.end()) id = extreme_id(rng);
            e.task = id;
            tasks.push_back(id);
        } else if (e.kind == K::ObjectCreated) {
            std::uint32_t id = extreme_id(rng);
            while (id == 0 || std::find(objects.begin(), objects.end(), id) != objects.end()) id = extreme_id(rng);
            e.object = id;
            objects.push_back(id);
        } else if (e.kind >= K::QueuePut && e.kind <= K::ObjectCount) {
            if (objects.empty()) {
                e.kind = K::ObjectCreated;
                do e.object = extreme_id(rng);
                while (e.object == 0);
                objects.push_back(e.object);
            } else {
                e.object = objects[rng.below(objects.size())];
            }
        }
        recorder.on_event(e);
    }
}

trace::TraceHeader made_up_header(Rng& rng) {
    trace::TraceHeader header;
    if (rng.one_in(2)) header.values = {{"clock", rng.one_in(2) ? "real" : "virtual"}, {"x-extra", made_up_text(rng)}};
    return header;
}

// --- mutations -------------------------------------------------------------------------------

std::vector<std::size_t> line_starts(const std::string& s) {
    // find() is memchr: byte loops over std::string are slow in a Debug build.
    std::vector<std::size_t> starts{0};
    for (std::size_t i = s.find('\n'); i != std::string::npos && i + 1 < s.size(); i = s.find('\n', i + 1))
        starts.push_back(i + 1);
    return starts;
}

// [begin, end) of line k, without its '\n'.
std::pair<std::size_t, std::size_t> line_span(const std::string& s, const std::vector<std::size_t>& starts, std::size_t k) {
    const std::size_t begin = starts[k];
    std::size_t end = s.find('\n', begin);
    if (end == std::string::npos) end = s.size();
    return {begin, end};
}

// A random position of the byte `c` (npos: none); 0x80 stands for any byte >= 0x80.
std::size_t find_random(Rng& rng, const std::string& s, unsigned char c) {
    if (s.empty()) return std::string::npos;
    const std::size_t start = rng.below(s.size());
    if (c == 0x80) {
        const char* data = s.data();
        for (std::size_t k = 0; k < s.size(); ++k) {
            const std::size_t i = (start + k) % s.size();
            if (static_cast<unsigned char>(data[i]) >= 0x80) return i;
        }
        return std::string::npos;
    }
    const std::size_t at = s.find(static_cast<char>(c), start);
    return at != std::string::npos ? at : s.find(static_cast<char>(c));
}

// Where a value starts: right after a ':'.
std::size_t random_value_position(Rng& rng, const std::string& s) {
    const std::size_t colon = find_random(rng, s, ':');
    return colon == std::string::npos ? rng.below(s.size() + 1) : colon + 1;
}

// The extent of the value at `at` (a number or a string), for replacing it.
std::size_t value_end(const std::string& s, std::size_t at) {
    if (at >= s.size()) return at;
    if (s[at] == '"') {
        std::size_t i = at + 1;
        while (i < s.size() && s[i] != '"' && s[i] != '\n') i += s[i] == '\\' ? 2 : 1;
        return std::min(s.size(), i + 1);
    }
    std::size_t i = at;
    while (i < s.size() && s[i] != ',' && s[i] != '}' && s[i] != '\n') ++i;
    return i;
}

std::string long_string(Rng& rng) {
    // Mostly kilobytes; now and then beyond the 1 MiB line limit.
    const std::size_t n = rng.one_in(400) ? trace::max_line_bytes + rng.below(64) : rng.below(4000);
    const char* const pieces[] = {"a", "\\n", "\\\"", "\\u00e9", "\\ud83d\\ude00", "\xC3\xA9", " ", "\\\\"};
    std::string s = "\"";
    while (s.size() < n) s += rng.pick(pieces);
    return s + "\"";
}

void mutate(Rng& rng, std::string& s, const std::vector<std::string>& seeds) {
    static const char* const numbers[] = {"1e400", "99999999999999999999999", "-9223372036854775809", "9223372036854775807",
                                          "-9223372036854775808", "4294967295", "4294967296", "18446744073709551615",
                                          "18446744073709551616", "-0", "01", "1.0", "+1", "-1", "0", "1", "2", "3", "7",
                                          "1E5", "-", "0.", "00", "1e", "--1", "0x10", "NaN", "Infinity"};
    static const char* const names[] = {"\"task_created\"", "\"scheduled\"", "\"step_begin\"", "\"step_end\"", "\"suspended\"",
                                        "\"woken\"", "\"finished\"", "\"cancel_requested\"", "\"timer_armed\"",
                                        "\"timer_fired\"", "\"object_created\"", "\"queue_put\"", "\"queue_get\"",
                                        "\"lock_acquire\"", "\"lock_release\"", "\"sem_release\"", "\"event_set\"",
                                        "\"bucket_take\"", "\"object_count\"", "\"log\"", "\"deadlock\"", "\"run_end\"",
                                        "\"Queue.get\"", "\"sleep\"", "\"task\"", "\"none\"", "\"Lock\"", "\"Semaphore\"",
                                        "\"result\"", "\"exception\"", "\"cancelled\"", "\"TaskCreated\"", "\"\"", "\"I/O\""};
    static const char* const fragments[] = {"\\u0000", "\\ud800", "\\udc00", "\\ud83d\\ude00", "\\x", "\\u12", "\\",
                                            "\x01", "\t", "\xC3", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xC0\xAF", "\"",
                                            "\xFF", "\r", "\n", "\r\n", "\n\n", ",", ":", "}", "{", "]", "\xEF\xBB\xBF"};
    static const char* const pairs[] = {",\"task\":1", ",\"task\":2", ",\"seq\":0", ",\"colour\":1", ",\"task\":true",
                                        ",\"text\":null", ",\"object\":[1]", ",\"value\":{}", ",\"kind\":\"log\"",
                                        ",\"object\":1", ",\"object\":2", ",\"it\":0", ",\"t\":0", ",\"file\":\"/f.py\""};
    static const unsigned char bytes[] = {'"', '\\', '{', '}', '[', ']', ',', ':', '\n', '\r', '\0', 0x80, 0xFF, 0xC3,
                                          '0', '1', '9', '-', '+', '.', 'e', ' ', 'u', 't', 'n'};

    if (s.empty()) {
        s = rng.pick(fragments);
        return;
    }
    const std::vector<std::size_t> starts = line_starts(s);
    const std::size_t line = rng.below(starts.size());
    const auto [lb, le] = line_span(s, starts, line);
    switch (rng.below(19)) {
    case 0: s[rng.below(s.size())] ^= static_cast<char>(1u << rng.below(8)); break;
    case 1: s[rng.below(s.size())] = static_cast<char>(rng.pick(bytes)); break;
    case 2: s.resize(rng.below(s.size())); break;
    case 3: {
        // Cut before or after a byte of one kind: in a string, a number, a key, an escape, UTF-8, a line end.
        const std::size_t at = find_random(rng, s, rng.pick(bytes));
        if (at != std::string::npos) s.resize(at + rng.below(2));
        break;
    }
    case 4: s.insert(lb, s.substr(lb, le - lb) + "\n"); break;  // a line twice
    case 5: {
        const std::size_t other = rng.below(starts.size());
        const auto [ob, oe] = line_span(s, starts, other);
        if (ob == lb) break;
        const std::string a = s.substr(lb, le - lb), b = s.substr(ob, oe - ob);
        // Replace the later one first so the earlier span stays valid.
        if (ob > lb) {
            s.replace(ob, oe - ob, a);
            s.replace(lb, le - lb, b);
        } else {
            s.replace(lb, le - lb, b);
            s.replace(ob, oe - ob, a);
        }
        break;
    }
    case 6: s.erase(lb, std::min(s.size(), le + 1) - lb); break;  // a line dropped
    case 7: {
        // 100000 levels (made once), or a few.
        static const std::string deep_arrays = std::string(100000, '[') + "1" + std::string(100000, ']');
        static const std::string deep_objects = [] {
            std::string d;
            for (int k = 0; k < 100000; ++k) d += "{\"a\":";
            return d + "1" + std::string(100000, '}');
        }();
        const std::size_t depth = rng.below(50) + 1;
        const std::string deep = rng.one_in(2) ? (rng.one_in(2) ? deep_arrays : deep_objects)
                                 : rng.one_in(2) ? std::string(depth, '[') + "1" + std::string(depth, ']')
                                                 : std::string(depth, '{') + std::string(depth, '}');
        if (rng.one_in(4)) s.insert(lb, deep);
        else s.insert(random_value_position(rng, s), deep);
        break;
    }
    case 8: {
        const std::size_t at = random_value_position(rng, s);
        s.replace(at, value_end(s, at) - at, rng.pick(numbers));
        break;
    }
    case 9: {
        const std::size_t at = random_value_position(rng, s);
        s.replace(at, value_end(s, at) - at, long_string(rng));
        break;
    }
    case 10: {
        std::string junk(rng.below(20) + 1, '\0');
        for (char& c : junk) c = static_cast<char>(rng.next());
        s.insert(rng.below(s.size() + 1), junk);
        break;
    }
    case 11:
    case 12: {
        // Another event kind, wait, outcome: well-formed, likely inconsistent.
        const std::size_t at = random_value_position(rng, s);
        if (at < s.size() && s[at] == '"') s.replace(at, value_end(s, at) - at, rng.pick(names));
        break;
    }
    case 13:
    case 14: {
        // Another small number: other ids, seqs, times -- again well-formed.
        const std::size_t at = random_value_position(rng, s);
        if (at < s.size() && (s[at] == '-' || (s[at] >= '0' && s[at] <= '9')))
            s.replace(at, value_end(s, at) - at, std::to_string(rng.below(rng.one_in(4) ? 1000 : 8)));
        break;
    }
    case 15: {
        const std::size_t quote = find_random(rng, s, '"');
        if (quote != std::string::npos) s.insert(quote + 1, rng.pick(fragments));
        break;
    }
    case 16:
        switch (rng.below(4)) {
        case 0: if (s.back() == '\n') s.pop_back(); break;
        case 1:
            for (std::size_t at = s.find('\n'); at != std::string::npos; at = s.find('\n', at + 2)) s.insert(at, "\r");
            break;
        case 2: s.insert(lb, "\n"); break;
        default: s += s.substr(lb, le - lb) + "\n"; break;
        }
        break;
    case 17: {
        // A line of another trace, or this trace's RunEnd earlier.
        const std::string& other = seeds[rng.below(seeds.size())];
        const auto other_starts = line_starts(other);
        const auto [ob, oe] = line_span(other, other_starts, rng.below(other_starts.size()));
        s.insert(lb, other.substr(ob, oe - ob) + "\n");
        break;
    }
    default: {
        const std::size_t close = s.rfind('}', le);
        if (close != std::string::npos && close >= lb) s.insert(close, rng.pick(pairs));
        break;
    }
    }
}

// --- checks ----------------------------------------------------------------------------------

class NullBuffer : public std::streambuf {
protected:
    int overflow(int c) override { return c == traits_type::eof() ? 0 : c; }
    std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
};

std::string fields(const aio::TraceEvent& e) {
    std::ostringstream out;
    out << e.seq << ' ' << e.iteration << ' ' << e.time_ns << ' ' << static_cast<int>(e.kind) << ' '
        << static_cast<int>(e.wait) << ' ' << static_cast<int>(e.outcome) << ' ' << static_cast<int>(e.object_kind) << ' '
        << e.task << ' ' << e.object << ' ' << e.other << ' ' << e.value << ' ' << (e.file ? e.file : "<none>") << ' '
        << e.line << ' ' << e.text;
    return out.str();
}

// The input shown in a failure report: escaped, the first bytes only.
std::string shown(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size() && i < 600; ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == '\n') out += "\\n\n";
        else if (c < 0x20 || c >= 0x7F) {
            static constexpr char hex[] = "0123456789abcdef";
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
        } else {
            out += static_cast<char>(c);
        }
    }
    if (s.size() > 600) out += "... (" + std::to_string(s.size()) + " bytes)";
    return out;
}

struct Fuzzer {
    std::size_t tried = 0, accepted = 0, rejected = 0, failures = 0;
    std::size_t loaded_ = 0;
    NullBuffer null_buffer;
    std::ostream null{&null_buffer};

    void fail(std::size_t iteration, const std::string& input, const std::string& what) {
        ++failures;
        if (failures <= 5) std::cerr << "FAIL at input " << iteration << ": " << what << "\ninput:\n" << shown(input) << "\n\n";
    }

    // Where a refused input says the problem is must lie in the input.
    void check_error(std::size_t iteration, const std::string& input, const trace::TraceFileError& error) {
        const std::string text = error.to_string();
        if (error.message.empty() || error.line < 1 || error.column < 1 || text.find('\n') != std::string::npos) {
            fail(iteration, input, "bad error: " + text);
            return;
        }
        // Line lengths as the reader sees them (a "\r" before "\n" dropped).
        std::vector<std::size_t> lengths;
        std::size_t begin = 0;
        while (begin < input.size()) {
            std::size_t end = input.find('\n', begin);
            if (end == std::string::npos) end = input.size();
            std::size_t length = end - begin;
            if (length > 0 && input[end - 1] == '\r') --length;
            lengths.push_back(length);
            begin = end + 1;
        }
        if (error.line > lengths.size() + 1) {
            fail(iteration, input, "error beyond the input's end: " + text);
        } else if (error.line == lengths.size() + 1) {
            if (error.column != 1) fail(iteration, input, "error after the last line not at column 1: " + text);
        } else if (error.column > lengths[error.line - 1] + 1) {
            fail(iteration, input, "error column beyond its line: " + text);
        }
    }

    // Folds the events one by one and writes both exports; false if the fold lost count.
    bool fold_and_export(std::size_t iteration, const trace::Recorder& r) {
        trace::TraceState state;
        for (std::size_t i = 0; i < r.size(); ++i) {
            state.apply(r[i]);
            if (i == r.size() / 2) {
                trace::TraceState snapshot = state;  // copies share chunks: both must stay usable
                snapshot.apply(r[i]);
            }
        }
        // One time axis or the other: both ways through the writer, at half the cost.
        trace::write_chrome_trace(r, null, {.axis = iteration % 2 ? trace::ChromeTimeAxis::LoopTime : trace::ChromeTimeAxis::Sequence});
        trace::write_text_log(r, null);
        return state.position() == r.size() && (r.empty() || r.back().kind != aio::TraceEventKind::RunEnd || state.ended());
    }

    void check_loaded(std::size_t iteration, const std::string& input, const trace::LoadedTrace& loaded) {
        const trace::Recorder& r = *loaded.recorder;
        if (r.empty() || r.back().kind != aio::TraceEventKind::RunEnd) {
            fail(iteration, input, "loaded a trace that does not end in RunEnd");
            return;
        }
        for (std::size_t i = 0; i < r.size(); ++i) {
            if (r[i].seq != i) fail(iteration, input, "event " + std::to_string(i) + " has seq " + std::to_string(r[i].seq));
            if (r[i].file && std::strlen(r[i].file) > trace::max_line_bytes) fail(iteration, input, "file name too long");
        }
        if (!fold_and_export(iteration, r)) fail(iteration, input, "the fold did not reach the end");

        // Written again and read again: the same events, the same header (every third: the
        // test's time goes to many inputs rather than to repeating this).
        if (++loaded_ % 3 != 1) return;
        const std::string again = file_of(loaded.header, r);
        std::istringstream in(again);
        auto result = trace::read_trace_file(in);
        if (auto* error = std::get_if<trace::TraceFileError>(&result)) {
            fail(iteration, input, "written again, the trace is refused: " + error->to_string());
            return;
        }
        const trace::LoadedTrace& back = std::get<trace::LoadedTrace>(result);
        if (back.header != loaded.header) fail(iteration, input, "header changed on the round trip");
        if (back.recorder->size() != r.size()) {
            fail(iteration, input, "event count changed on the round trip");
            return;
        }
        for (std::size_t i = 0; i < r.size(); ++i) {
            if (fields(r[i]) != fields((*back.recorder)[i])) {
                fail(iteration, input, "event " + std::to_string(i) + " changed on the round trip");
                return;
            }
        }
    }

    // Fed in random chunks, the reader must come to the same result as reading at once.
    void check_chunks(Rng& rng, std::size_t iteration, const std::string& input,
                      const std::variant<trace::LoadedTrace, trace::TraceFileError>& at_once) {
        trace::Recorder recorder;
        trace::TraceReader reader(recorder);
        std::size_t at = 0;
        while (at < input.size()) {
            const std::size_t n = std::min(input.size() - at, rng.one_in(3) ? rng.below(4) + 1 : rng.below(20000) + 1);
            if (!reader.feed(std::string_view(input).substr(at, n))) break;
            at += n;
        }
        reader.finish();
        if (const auto* error = std::get_if<trace::TraceFileError>(&at_once)) {
            if (!reader.error() || !(*reader.error() == *error))
                fail(iteration, input, "in chunks: " + (reader.error() ? reader.error()->to_string() : "accepted") +
                                           "; at once: " + error->to_string());
        } else if (reader.error() || recorder.size() != std::get<trace::LoadedTrace>(at_once).recorder->size()) {
            fail(iteration, input, "in chunks: " + (reader.error() ? reader.error()->to_string() : "other events") +
                                       "; at once: accepted");
        }
    }

    void run(Rng& rng, std::size_t iteration, const std::string& input, bool must_load) {
        ++tried;
        std::istringstream in(input);
        const auto result = trace::read_trace_file(in);
        if (const auto* error = std::get_if<trace::TraceFileError>(&result)) {
            ++rejected;
            if (must_load) fail(iteration, input, "a trace that keeps the rules is refused: " + error->to_string());
            check_error(iteration, input, *error);
        } else {
            ++accepted;
            check_loaded(iteration, input, std::get<trace::LoadedTrace>(result));
        }
        if (iteration % 8 == 0) check_chunks(rng, iteration, input, result);
    }
};

}  // namespace

int main(int argc, char** argv) {
    const std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 20000;
    const std::uint64_t seed = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1;
    const auto started = std::chrono::steady_clock::now();

    const std::vector<std::string> seeds = seed_traces();
    Rng rng(seed);
    Fuzzer fuzzer;
    for (const std::string& s : seeds) fuzzer.run(rng, 0, s, true);  // the seeds themselves load
    for (std::size_t i = 1; i <= n; ++i) {
        if (rng.one_in(6)) {
            // Made up: by the rules it must load; without them it goes straight to the fold too.
            const bool keep_rules = !rng.one_in(4);
            trace::Recorder events;
            made_up_events(rng, rng.below(60) + 1, keep_rules, events);
            if (!keep_rules && !fuzzer.fold_and_export(i, events)) fuzzer.fail(i, "(made-up events)", "the fold lost count");
            fuzzer.run(rng, i, file_of(made_up_header(rng), events), keep_rules);
            continue;
        }
        std::string input = seeds[rng.below(seeds.size())];
        const std::size_t mutations = 1 + rng.below(rng.one_in(4) ? 8 : 3);
        for (std::size_t m = 0; m < mutations; ++m) mutate(rng, input, seeds);
        fuzzer.run(rng, i, input, false);
    }

    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cout << "trace_file_fuzz: " << fuzzer.tried << " inputs tried, " << fuzzer.accepted << " accepted, "
              << fuzzer.rejected << " rejected, " << fuzzer.failures << " failures (seed " << seed << ", " << seconds
              << " s)\n";
    return fuzzer.failures == 0 ? 0 : 1;
}
