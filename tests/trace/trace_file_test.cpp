// Dirigent's trace file (trace_file.hpp): what the writer writes, that a real run
// comes back unchanged, and that the reader refuses each kind of broken input with
// its message at the right line and column.
#include "aio/aio.hpp"
#include "trace/recorder.hpp"
#include "trace/text_log.hpp"
#include "trace/trace_file.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace {

using K = aio::TraceEventKind;

// --- a real run with every kind of object ------------------------------------------

aio::Task<> worker(aio::Queue<std::string>& q, aio::Semaphore& sem, aio::Lock& lock, aio::Event& go, int id) {
    co_await go.wait();
    while (true) {
        const std::string job = co_await q.get();
        co_await sem.acquire();
        co_await aio::sleep(0.01 * (id + 1));
        sem.release();
        co_await lock.acquire();
        aio::log("worker " + std::to_string(id) + " did " + job);
        co_await aio::sleep(0);
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
    throw std::runtime_error("boom \"quoted\"\n\tsecond line");
}

aio::Task<> rich_main() {
    aio::Queue<std::string> q(2, "jobs");
    aio::Semaphore sem(2, "pool");
    aio::Lock lock("print");
    aio::Event go("go");
    std::vector<aio::Task<>> workers;
    for (int i = 0; i < 3; ++i) workers.push_back(aio::create_task(worker(q, sem, lock, go, i), "worker-" + std::to_string(i)));
    auto failing = aio::create_task(fails(), "fails");
    go.set();
    for (int j = 0; j < 6; ++j) co_await q.put("job \xC3\xA9 " + std::to_string(j));  // "job é j"
    co_await q.join();
    try {
        co_await aio::wait_for(slow(), 0.05);
    } catch (const aio::TimeoutError&) {
        aio::log("timed out");
    }
    try {
        co_await failing;
    } catch (const std::exception& e) {
        aio::log(std::string("caught ") + e.what());
    }
    for (auto& w : workers) w.cancel();
    for (auto& w : workers) {
        try {
            co_await w;
        } catch (const aio::CancelledError&) {
        }
    }
}

aio::Task<> waits_forever(aio::Queue<int>& q) { (void)co_await q.get(); }

aio::Task<> deadlocked_main() {
    aio::Queue<int> q(0, "inbox");
    auto reader = aio::create_task(waits_forever(q), "reader");
    co_await reader;
}

// Every field of an event on one line, the file by its text.
std::string fields(const aio::TraceEvent& e) {
    std::ostringstream out;
    out << e.seq << ' ' << e.iteration << ' ' << e.time_ns << ' ' << aio::to_string(e.kind) << ' '
        << aio::to_string(e.wait) << ' ' << aio::to_string(e.outcome) << ' ' << aio::to_string(e.object_kind) << ' '
        << e.task << ' ' << e.object << ' ' << e.other << ' ' << e.value << ' '
        << (e.file ? "file=" + std::string(e.file) : std::string("no file")) << ' ' << e.line << " [" << e.text << ']';
    return out.str();
}

void expect_same_events(const trace::Recorder& expected, const trace::Recorder& actual) {
    ASSERT_EQ(expected.size(), actual.size());
    for (std::size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(fields(expected[i]), fields(actual[i])) << "event " << i;
}

std::string text_log(const trace::Recorder& recorder) {
    std::ostringstream out;
    trace::write_text_log(recorder, out);
    return out.str();
}

std::string file_text(const trace::TraceHeader& header, const trace::Recorder& recorder) {
    std::ostringstream out;
    trace::write_trace_file(out, header, recorder);
    return out.str();
}

trace::LoadedTrace load(const std::string& text) {
    std::istringstream in(text);
    auto result = trace::read_trace_file(in);
    if (auto* error = std::get_if<trace::TraceFileError>(&result)) {
        ADD_FAILURE() << "refused: " << error->to_string();
        return {};
    }
    return std::move(std::get<trace::LoadedTrace>(result));
}

// The error the reader gives for `text`, as "line L, column C: message".
std::string error_of(const std::string& text) {
    std::istringstream in(text);
    auto result = trace::read_trace_file(in);
    if (auto* error = std::get_if<trace::TraceFileError>(&result)) return error->to_string();
    return "accepted";
}

// --- small hand-written traces ---------------------------------------------------------

const std::string header = R"({"format":"dirigent-trace","version":1})";

// An event line. With one-digit numbers its values start at fixed columns:
// seq 8, it 15, t 21, kind 30; `more` starts right after the kind's closing quote.
std::string ev(int seq, int it, int t, std::string_view kind, std::string_view more = {}) {
    return "{\"seq\":" + std::to_string(seq) + ",\"it\":" + std::to_string(it) + ",\"t\":" + std::to_string(t) +
           ",\"kind\":\"" + std::string(kind) + "\"" + std::string(more) + "}";
}

std::string lines(std::initializer_list<std::string> ls) {
    std::string out;
    for (const std::string& l : ls) out += l + "\n";
    return out;
}

// Header, task 1 created, the given lines (seq from 1 on), RunEnd.
std::string with_events(std::initializer_list<std::string> middle) {
    std::string out = header + "\n" + ev(0, 0, 0, "task_created", R"(,"task":1,"text":"main")") + "\n";
    int seq = 1;
    for (const std::string& l : middle) {
        out += l + "\n";
        ++seq;
    }
    return out + ev(seq, 9, 9, "run_end", R"(,"outcome":"result")") + "\n";
}

// --- round trips -------------------------------------------------------------------------

TEST(TraceFile, real_run_comes_back_with_identical_events_and_text_log) {
    trace::Recorder recorder;
    aio::run(rich_main(), {.sink = &recorder});
    ASSERT_GT(recorder.size(), 200u);
    ASSERT_EQ(recorder.back().kind, K::RunEnd);

    const trace::LoadedTrace loaded = load(file_text({}, recorder));
    ASSERT_TRUE(loaded.recorder);
    expect_same_events(recorder, *loaded.recorder);
    EXPECT_EQ(text_log(recorder), text_log(*loaded.recorder));
    // Written again, the file is byte for byte the same.
    EXPECT_EQ(file_text({}, recorder), file_text({}, *loaded.recorder));
}

TEST(TraceFile, deadlocked_run_comes_back_with_its_deadlock_report) {
    trace::Recorder recorder;
    EXPECT_THROW(aio::run(deadlocked_main(), {.sink = &recorder}), aio::DeadlockError);
    const trace::LoadedTrace loaded = load(file_text({}, recorder));
    ASSERT_TRUE(loaded.recorder);
    expect_same_events(recorder, *loaded.recorder);
    EXPECT_EQ(text_log(recorder), text_log(*loaded.recorder));
}

TEST(TraceFile, header_values_round_trip_as_text) {
    trace::TraceHeader h;
    h.values = {{"program", "/home/x/prog \"one\".py"}, {"clock", "virtual"}, {"python", "3.12.1"}, {"writer", "test"}};
    trace::Recorder recorder;
    aio::run(slow(), {.sink = &recorder});
    const trace::LoadedTrace loaded = load(file_text(h, recorder));
    EXPECT_EQ(loaded.header, h);
}

TEST(TraceFile, header_numbers_are_kept_as_their_literal_text) {
    const trace::LoadedTrace loaded =
        load(R"({"format":"dirigent-trace","version":1,"pid":1234,"ratio":2.5e-3,"clock":"real"})" "\n" +
             ev(0, 0, 0, "run_end") + "\n");
    EXPECT_EQ(loaded.header.values,
              (std::map<std::string, std::string, std::less<>>{{"clock", "real"}, {"pid", "1234"}, {"ratio", "2.5e-3"}}));
}

TEST(TraceFile, writer_leaves_out_defaults_and_writes_keys_in_order) {
    aio::TraceEvent e;
    e.seq = 3;
    e.iteration = 2;
    e.time_ns = 1500;
    e.kind = K::Suspended;
    e.wait = aio::WaitKind::QueueGet;
    e.task = 4;
    e.object = 7;
    e.value = -2;
    e.file = "/home/x/prog.py";
    e.line = 12;
    std::ostringstream out;
    trace::write_trace_event(out, e);
    EXPECT_EQ(out.str(), R"({"seq":3,"it":2,"t":1500,"kind":"suspended","wait":"Queue.get","task":4,"object":7,"value":-2,)"
                         R"("file":"/home/x/prog.py","line":12})" "\n");

    std::ostringstream bare;
    trace::write_trace_event(bare, aio::TraceEvent{});
    EXPECT_EQ(bare.str(), R"({"seq":0,"it":0,"t":0,"kind":"log"})" "\n");

    std::ostringstream h;
    trace::write_trace_header(h, {{{"version", "7"}, {"clock", "virtual"}, {"format", "other"}}});
    EXPECT_EQ(h.str(), R"({"format":"dirigent-trace","version":1,"clock":"virtual"})" "\n");
}

TEST(TraceFile, escapes_and_non_ascii_text_round_trip) {
    trace::Recorder recorder;
    aio::TraceEvent e;
    e.kind = K::TaskCreated;
    e.task = 1;
    e.file = "/home/l\xC3\xA9o/\xE6\x97\xA5\xE6\x9C\xAC/prog \"x\".py";
    e.line = 3;
    e.text = std::string("quote\" backslash\\ newline\n tab\t bell\x07 del\x7F nul", 39) + std::string(1, '\0') +
             " \xC3\xA9 \xE6\x97\xA5 \xF0\x9F\x98\x80 /";
    recorder.on_event(e);
    aio::TraceEvent end;
    end.seq = 1;
    end.kind = K::RunEnd;
    recorder.on_event(end);

    const trace::LoadedTrace loaded = load(file_text({}, recorder));
    ASSERT_TRUE(loaded.recorder);
    expect_same_events(recorder, *loaded.recorder);
    EXPECT_EQ((*loaded.recorder)[0].text.size(), e.text.size());
}

TEST(TraceFile, json_escapes_the_writer_does_not_use_are_read_too) {
    // \/, \b, \f, \u escapes (a surrogate pair among them) and escaped keys.
    const trace::LoadedTrace loaded = load(lines(
        {header, R"({"seq":0,"it":0,"t":0,"kind":"task_created","task":1,"text":"a\/b\b\f\u00e9\ud83d\ude00\u0000z"})",
         R"({"s\u0065q":1,"it":0,"t":0,"kind":"run_end"})"}));
    ASSERT_TRUE(loaded.recorder);
    EXPECT_EQ((*loaded.recorder)[0].text, std::string("a/b\b\f\xC3\xA9\xF0\x9F\x98\x80", 11) + std::string(1, '\0') + "z");
}

TEST(TraceFile, equal_file_names_share_one_pointer) {
    const trace::LoadedTrace loaded = load(with_events({
        ev(1, 0, 0, "task_created", R"(,"task":2,"file":"/p.py","line":1)"),
        ev(2, 0, 0, "task_created", R"(,"task":3,"file":"/q.py","line":2)"),
        ev(3, 0, 0, "task_created", R"(,"task":4,"file":"/p.py","line":3)"),
    }));
    ASSERT_TRUE(loaded.recorder);
    const trace::Recorder& r = *loaded.recorder;
    EXPECT_EQ(r[1].file, r[3].file);
    EXPECT_NE(r[1].file, r[2].file);
    EXPECT_EQ(std::string(r[2].file), "/q.py");
}

TEST(TraceFile, file_names_stay_valid_after_moving_the_loaded_trace) {
    std::vector<trace::LoadedTrace> kept;
    const char* file = nullptr;
    {
        trace::LoadedTrace loaded = load(with_events({ev(1, 0, 0, "task_created", R"(,"task":2,"file":"/home/x/a.py","line":1)")}));
        ASSERT_TRUE(loaded.recorder);
        file = (*loaded.recorder)[1].file;
        kept.push_back(std::move(loaded));
    }
    for (int i = 0; i < 20; ++i) kept.push_back(load(with_events({})));  // the vector moves its elements
    EXPECT_EQ((*kept[0].recorder)[1].file, file);
    EXPECT_EQ(std::string(file), "/home/x/a.py");
}

TEST(TraceFile, file_names_outlive_the_reader_through_file_names) {
    trace::Recorder recorder;
    std::shared_ptr<const void> names;
    {
        trace::TraceReader reader(recorder);
        for (const std::string& l : {header, ev(0, 0, 0, "never_awaited", R"(,"file":"/x/y.py","line":4)"), ev(1, 0, 0, "run_end")})
            ASSERT_TRUE(reader.feed_line(l));
        ASSERT_TRUE(reader.finish());
        names = reader.file_names();
    }
    EXPECT_EQ(std::string(recorder[0].file), "/x/y.py");
}

// --- incremental reading ------------------------------------------------------------------

TEST(TraceFile, reader_takes_a_pipe_byte_by_byte_and_shows_each_event_once_its_line_is_complete) {
    trace::Recorder recorder;
    trace::TraceReader reader(recorder);
    const std::string text = with_events({ev(1, 1, 5, "log", R"(,"task":1,"text":"hi")")});
    std::size_t newlines = 0;
    for (const char c : text) {
        ASSERT_TRUE(reader.feed(std::string_view(&c, 1)));
        if (c == '\n') ++newlines;
        EXPECT_EQ(recorder.size(), newlines == 0 ? 0 : newlines - 1);
        EXPECT_EQ(reader.has_header(), newlines >= 1);
    }
    EXPECT_TRUE(reader.ended());
    EXPECT_TRUE(reader.finish());
    EXPECT_FALSE(reader.error());
    EXPECT_EQ(reader.lines(), 4u);
}

TEST(TraceFile, reader_fed_line_by_line_keeps_the_events_before_an_error_and_then_stops) {
    trace::Recorder recorder;
    trace::TraceReader reader(recorder);
    EXPECT_TRUE(reader.feed_line(header));
    EXPECT_TRUE(reader.feed_line(ev(0, 0, 0, "task_created", R"(,"task":1)")));
    EXPECT_FALSE(reader.feed_line(ev(5, 0, 0, "log")));
    EXPECT_FALSE(reader.feed_line(ev(1, 0, 0, "run_end")));  // ignored: the first error stays
    EXPECT_FALSE(reader.finish());
    ASSERT_TRUE(reader.error());
    EXPECT_EQ(reader.error()->line, 3u);
    EXPECT_EQ(reader.error()->column, 8u);
    EXPECT_EQ(recorder.size(), 1u);
}

TEST(TraceFile, crlf_line_ends_and_a_last_line_without_newline_are_accepted) {
    std::string crlf = with_events({ev(1, 0, 0, "log")});
    for (std::size_t at = crlf.find('\n'); at != std::string::npos; at = crlf.find('\n', at + 2)) crlf.insert(at, "\r");
    EXPECT_EQ(load(crlf).recorder->size(), 3u);

    std::string open_end = with_events({});
    open_end.pop_back();
    EXPECT_EQ(load(open_end).recorder->size(), 2u);
}

TEST(TraceFile, json_whitespace_and_any_key_order_are_accepted) {
    // What Python's json.dumps writes by default: ", " and ": ".
    const trace::LoadedTrace loaded = load(lines({
        R"(  {"version": 1, "format": "dirigent-trace", "clock": "virtual"}  )",
        R"({"kind": "task_created", "text": "main", "task": 1, "t": 0, "it": 0, "seq": 0})",
        "{\t\"seq\" :1 ,\"it\":2,\"t\":-0,\"kind\":\"run_end\" }",
    }));
    ASSERT_TRUE(loaded.recorder);
    EXPECT_EQ((*loaded.recorder)[0].text, "main");
    EXPECT_EQ((*loaded.recorder)[1].iteration, 2u);
}

// --- errors: the file as a whole ----------------------------------------------------------------

TEST(TraceFileError, reads_as_one_line_with_its_position) {
    EXPECT_EQ((trace::TraceFileError{3, 14, "oops"}).to_string(), "line 3, column 14: oops");
}

TEST(TraceFileError, an_empty_file_has_no_header) {
    EXPECT_EQ(error_of(""), "line 1, column 1: empty: no header");
}

TEST(TraceFileError, a_stream_that_did_not_open_is_not_taken_for_an_empty_file) {
    std::istringstream in("{}");
    in.setstate(std::ios::failbit);
    const auto result = trace::read_trace_file(in);
    ASSERT_TRUE(std::holds_alternative<trace::TraceFileError>(result));
    EXPECT_EQ(std::get<trace::TraceFileError>(result).to_string(), "line 1, column 1: the input could not be read");
}

TEST(TraceFileError, a_trace_without_run_end_is_truncated) {
    EXPECT_EQ(error_of(lines({header, ev(0, 0, 0, "log")})),
              "line 3, column 1: the trace ends after line 2 without RunEnd: it is truncated");
    EXPECT_EQ(error_of(header), "line 2, column 1: the trace ends after line 1 without RunEnd: it is truncated");
}

TEST(TraceFileError, nothing_may_follow_run_end) {
    EXPECT_EQ(error_of(lines({header, ev(0, 0, 0, "run_end"), ev(1, 0, 0, "log")})),
              "line 3, column 1: an event after RunEnd (line 2 ended the run)");
}

TEST(TraceFileError, an_empty_line_is_an_error) {
    EXPECT_EQ(error_of(lines({header, ev(0, 0, 0, "log"), "", ev(1, 0, 0, "run_end")})), "line 3, column 1: empty line");
    EXPECT_EQ(error_of(lines({header, " \t"})), "line 2, column 1: empty line");
}

TEST(TraceFileError, a_line_longer_than_one_mebibyte_is_an_error_whether_fed_in_chunks_or_as_a_line) {
    const std::string long_text(trace::max_line_bytes, 'x');
    const std::string long_line = ev(0, 0, 0, "log", ",\"text\":\"" + long_text + "\"");
    EXPECT_EQ(error_of(lines({header, long_line})),
              "line 2, column 1048577: the line is longer than 1 MiB (1048576 bytes)");
    trace::Recorder recorder;
    trace::TraceReader reader(recorder);
    reader.feed_line(header);
    EXPECT_FALSE(reader.feed_line(long_line));
    EXPECT_EQ(reader.error()->to_string(), "line 2, column 1048577: the line is longer than 1 MiB (1048576 bytes)");
    // Exactly 1 MiB is fine.
    const std::string fits = ev(0, 0, 0, "log", ",\"text\":\"" + std::string(trace::max_line_bytes - 45, 'y') + "\"");
    ASSERT_EQ(fits.size(), trace::max_line_bytes);
    EXPECT_EQ(error_of(lines({header, fits, ev(1, 0, 0, "run_end")})), "accepted");
}

// --- errors: the header ---------------------------------------------------------------------

TEST(TraceFileError, a_file_that_is_not_json_is_not_a_dirigent_trace) {
    EXPECT_EQ(error_of("\x89PNG\r\n\x1A\n"),
              "line 1, column 1: not a Dirigent trace (line 1 is no header of one: expected '{': each line is one JSON "
              "object at column 1)");
}

TEST(TraceFileError, a_chrome_trace_is_not_a_dirigent_trace) {
    EXPECT_EQ(error_of("{\"traceEvents\":[\n{\"name\":\"x\"}]}\n"),
              "line 1, column 1: not a Dirigent trace (line 1 is no header of one: \"traceEvents\" must be a string or "
              "a number, not an array: nesting is not allowed at column 16)");
}

TEST(TraceFileError, a_header_of_another_format_is_not_a_dirigent_trace) {
    EXPECT_EQ(error_of(lines({R"({"format":"other","version":1})"})),
              "line 1, column 11: not a Dirigent trace (its \"format\" is \"other\", not \"dirigent-trace\")");
    EXPECT_EQ(error_of(lines({R"({"version":1})"})), "line 1, column 1: not a Dirigent trace (its header has no \"format\")");
    EXPECT_EQ(error_of(lines({ev(0, 0, 0, "run_end")})),
              "line 1, column 1: not a Dirigent trace (its header has no \"format\")");
    EXPECT_EQ(error_of("\xEF\xBB\xBF" + header + "\n"),
              "line 1, column 1: not a Dirigent trace: it starts with a byte order mark");
}

TEST(TraceFileError, a_newer_version_is_refused_with_its_number) {
    EXPECT_EQ(error_of(lines({R"({"format":"dirigent-trace","version":2})"})),
              "line 1, column 38: written by a newer Dirigent (trace format version 2; this one reads 1)");
    EXPECT_EQ(error_of(lines({R"({"format":"dirigent-trace","version":99999999999999999999999})"})),
              "line 1, column 38: written by a newer Dirigent (trace format version 99999999999999999999999; this one "
              "reads 1)");
}

TEST(TraceFileError, a_newer_version_is_named_even_when_its_header_uses_syntax_this_one_refuses) {
    EXPECT_EQ(error_of(lines({R"({"format":"dirigent-trace","version":3,"tracks":[1,2]})"})),
              "line 1, column 38: written by a newer Dirigent (trace format version 3; this one reads 1)");
}

TEST(TraceFileError, a_header_needs_version_1_as_an_integer) {
    EXPECT_EQ(error_of(lines({R"({"format":"dirigent-trace"})"})), "line 1, column 1: the header has no \"version\"");
    EXPECT_EQ(error_of(lines({R"({"format":"dirigent-trace","version":0})"})),
              "line 1, column 38: unsupported trace format version 0 (this one reads 1)");
    EXPECT_EQ(error_of(lines({R"({"format":"dirigent-trace","version":"1"})"})),
              "line 1, column 38: \"version\" must be an integer, not a string");
    EXPECT_EQ(error_of(lines({R"({"format":"dirigent-trace","version":1.0})"})),
              "line 1, column 38: \"version\" must be an integer, not 1.0 (no fraction or exponent)");
}

TEST(TraceFileError, header_clock_is_virtual_or_real_and_keys_are_not_repeated) {
    EXPECT_EQ(error_of(lines({R"({"format":"dirigent-trace","version":1,"clock":"wall"})"})),
              "line 1, column 48: \"clock\" must be \"virtual\" or \"real\", not \"wall\"");
    EXPECT_EQ(error_of(lines({R"({"format":"dirigent-trace","version":1,"writer":"a","writer":"b"})"})),
              "line 1, column 53: duplicate key \"writer\"");
    EXPECT_EQ(error_of(lines({R"({"format":"dirigent-trace","version":1,"program":7})"})),
              "line 1, column 50: \"program\" must be a string, not a number");
}

// --- errors: one event -----------------------------------------------------------------------

TEST(TraceFileError, seq_counts_from_zero_in_order) {
    EXPECT_EQ(error_of(lines({header, ev(1, 0, 0, "log")})),
              "line 2, column 8: \"seq\" is 1, expected 0 (events are numbered 0, 1, 2, ... in order)");
    EXPECT_EQ(error_of(with_events({ev(1, 0, 0, "log"), ev(1, 0, 0, "log")})),
              "line 4, column 8: \"seq\" is 1, expected 2 (events are numbered 0, 1, 2, ... in order)");
}

TEST(TraceFileError, iteration_and_time_never_go_backwards) {
    EXPECT_EQ(error_of(with_events({ev(1, 3, 0, "log"), ev(2, 2, 0, "log")})),
              "line 4, column 15: \"it\" goes backwards: 2 after 3");
    EXPECT_EQ(error_of(with_events({ev(1, 0, 5, "log"), ev(2, 0, 4, "log")})),
              "line 4, column 21: \"t\" goes backwards: 4 after 5");
    // The first event may start anywhere, also before 0.
    EXPECT_EQ(error_of(lines({header, ev(0, 0, -5, "run_end")})), "accepted");
}

TEST(TraceFileError, required_fields_must_be_there) {
    EXPECT_EQ(error_of(lines({header, R"({"seq":0,"it":0,"t":0})"})), "line 2, column 1: the event has no \"kind\"");
    EXPECT_EQ(error_of(lines({header, R"({"it":0,"t":0,"kind":"log"})"})), "line 2, column 1: the event has no \"seq\"");
    EXPECT_EQ(error_of(lines({header, R"({})"})), "line 2, column 1: the event has no \"seq\"");
}

TEST(TraceFileError, numbers_are_integers_within_their_field_range) {
    const auto first_event = [](std::string_view more) { return error_of(lines({header, ev(0, 0, 0, "run_end", more)})); };
    // "more" starts at column 39 in a run_end line: a value of "task" at 47, of "value" at 48.
    EXPECT_EQ(first_event(R"(,"task":1.5)"), "line 2, column 47: \"task\" must be an integer, not 1.5 (no fraction or exponent)");
    EXPECT_EQ(first_event(R"(,"value":1e400)"), "line 2, column 48: \"value\" must be an integer, not 1e400 (no fraction or exponent)");
    EXPECT_EQ(first_event(R"(,"value":99999999999999999999999)"),
              "line 2, column 48: \"value\" is out of range (-9223372036854775808..9223372036854775807): "
              "99999999999999999999999");
    EXPECT_EQ(first_event(R"(,"task":4294967296)"), "line 2, column 47: \"task\" is out of range (0..4294967295): 4294967296");
    EXPECT_EQ(first_event(R"(,"line":-1)"), "line 2, column 47: \"line\" must not be negative: -1");
    EXPECT_EQ(first_event(R"(,"other":-0)"), "line 2, column 48: \"other\" must not be negative: -0");
    EXPECT_EQ(first_event(R"(,"value":+1)"), "line 2, column 48: invalid number: JSON has no leading '+'");
    EXPECT_EQ(first_event(R"(,"value":01)"), "line 2, column 48: invalid number: leading zero");
    EXPECT_EQ(first_event(R"(,"value":-)"), "line 2, column 48: invalid number: a digit must follow '-'");
    EXPECT_EQ(first_event(R"(,"value":1.)"), "line 2, column 50: invalid number: a digit must follow '.'");
    EXPECT_EQ(first_event(R"(,"value":-0)"), "accepted");
    EXPECT_EQ(first_event(R"(,"value":-9223372036854775808)"), "accepted");
    EXPECT_EQ(error_of(lines({header, R"({"seq":18446744073709551616,"it":0,"t":0,"kind":"log"})"})),
              "line 2, column 8: \"seq\" is out of range (0..18446744073709551615): 18446744073709551616");
}

TEST(TraceFileError, names_of_kind_wait_outcome_and_object_kind_must_be_known) {
    EXPECT_EQ(error_of(lines({header, ev(0, 0, 0, "TaskCreated")})), "line 2, column 30: unknown kind \"TaskCreated\"");
    EXPECT_EQ(error_of(lines({header, ev(0, 0, 0, "run_end", R"(,"wait":"nap")")})), "line 2, column 47: unknown wait \"nap\"");
    EXPECT_EQ(error_of(lines({header, ev(0, 0, 0, "run_end", R"(,"outcome":"ok")")})),
              "line 2, column 50: unknown outcome \"ok\"");
    EXPECT_EQ(error_of(lines({header, ev(0, 0, 0, "run_end", R"(,"object_kind":"Barrier")")})),
              "line 2, column 54: unknown object_kind \"Barrier\"");
    // The names aio::to_string gives, the default's included.
    EXPECT_EQ(error_of(lines({header, ev(0, 0, 0, "run_end", R"(,"wait":"Queue.get","outcome":"none","object_kind":"I/O")")})),
              "accepted");
}

TEST(TraceFileError, a_key_appears_once_and_must_be_known) {
    EXPECT_EQ(error_of(lines({header, ev(0, 0, 0, "run_end", R"(,"task":0,"task":0)")})),
              "line 2, column 49: duplicate key \"task\"");
    EXPECT_EQ(error_of(lines({header, ev(0, 0, 0, "run_end", R"(,"colour":"red")")})),
              "line 2, column 40: unknown key \"colour\" (trace format version 1 has no such field)");
}

TEST(TraceFileError, a_value_of_the_wrong_type_is_refused) {
    EXPECT_EQ(error_of(lines({header, ev(0, 0, 0, "run_end", R"(,"task":"1")")})),
              "line 2, column 47: \"task\" must be an integer, not a string");
    EXPECT_EQ(error_of(lines({header, ev(0, 0, 0, "run_end", R"(,"text":5)")})),
              "line 2, column 47: \"text\" must be a string, not a number");
    EXPECT_EQ(error_of(lines({header, ev(0, 0, 0, "run_end", R"(,"task":true)")})),
              "line 2, column 47: \"task\" must be an integer, not true");
    EXPECT_EQ(error_of(lines({header, ev(0, 0, 0, "run_end", R"(,"text":null)")})),
              "line 2, column 47: \"text\" must be a string, not null");
    EXPECT_EQ(error_of(lines({header, ev(0, 0, 0, "run_end", R"(,"text":false)")})),
              "line 2, column 47: \"text\" must be a string, not false");
    EXPECT_EQ(error_of(lines({header, ev(0, 0, 0, "run_end", R"(,"text":{"a":1})")})),
              "line 2, column 47: \"text\" must be a string, not an object: nesting is not allowed");
}

TEST(TraceFileError, deep_nesting_is_refused_at_its_first_bracket) {
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    EXPECT_EQ(error_of(lines({header, ev(0, 0, 0, "run_end", ",\"task\":" + deep)})),
              "line 2, column 47: \"task\" must be an integer, not an array: nesting is not allowed");
    EXPECT_EQ(error_of(lines({header, "[" + deep})), "line 2, column 1: expected '{': each line is one JSON object");
}

TEST(TraceFileError, broken_json_is_reported_where_it_breaks) {
    const auto text = [](std::string_view value) { return error_of(lines({header, ev(0, 0, 0, "run_end", ",\"text\":" + std::string(value))})); };
    // The text's value starts at column 47.
    EXPECT_EQ(text(R"("abc)"), "line 2, column 47: unterminated string");
    EXPECT_EQ(text(R"("a\x")"), "line 2, column 49: invalid escape \\x");
    EXPECT_EQ(text(R"("a\u12G4")"), "line 2, column 49: invalid \\u escape: four hex digits must follow \\u");
    EXPECT_EQ(text(R"("\ud800")"), "line 2, column 48: invalid \\u escape: a lone high surrogate \\ud800");
    EXPECT_EQ(text(R"("\ud800\u0041")"), "line 2, column 48: invalid \\u escape: a lone high surrogate \\ud800");
    EXPECT_EQ(text(R"("\udc00\ud800")"), "line 2, column 48: invalid \\u escape: a lone low surrogate \\udc00");
    EXPECT_EQ(text("\"a\tb\""), "line 2, column 49: control character 0x09 in a string (it must be escaped)");
    EXPECT_EQ(text("\"a\xC3(\""), "line 2, column 49: invalid UTF-8 (byte 0xC3)");
    EXPECT_EQ(text("\"\xED\xA0\x80\""), "line 2, column 48: invalid UTF-8 (byte 0xED)");  // an encoded surrogate
    EXPECT_EQ(text("\"\xC0\xAF\""), "line 2, column 48: invalid UTF-8 (byte 0xC0)");      // overlong
    EXPECT_EQ(text(R"("ok"} x)"), "line 2, column 53: unexpected characters after the object");
    EXPECT_EQ(text(R"("ok",})"), "line 2, column 52: expected a key (a string in double quotes)");
    EXPECT_EQ(text(R"("ok" "x")"), "line 2, column 52: expected ',' or '}' after the value");
    EXPECT_EQ(error_of(lines({header, R"({"seq" 0})"})), "line 2, column 8: expected ':' after the key");
    EXPECT_EQ(error_of(lines({header, R"({"seq":0,)"})), "line 2, column 10: the line ends inside the object");
    EXPECT_EQ(error_of(lines({header, R"({"seq":)"})), "line 2, column 8: the line ends where a value was expected");
    EXPECT_EQ(error_of(lines({header, R"({"seq":x})"})), "line 2, column 8: expected a value (a string or a number)");
    // A NUL is fine in a text (below: the escape), not in a file name: the event keeps a C string.
    EXPECT_EQ(text(R"("a\u0000b")"), "accepted");
    EXPECT_EQ(error_of(lines({header, ev(0, 0, 0, "run_end", R"(,"file":"a\u0000b")")})),
              "line 2, column 47: \"file\" contains a NUL character, which a file name cannot hold");
}

// --- errors: the events' structure ---------------------------------------------------------------

TEST(TraceFileError, a_task_is_created_before_any_other_event_names_it) {
    EXPECT_EQ(error_of(with_events({ev(1, 0, 0, "step_begin", R"(,"task":2)")})),
              "line 3, column 50: task 2 is named before its task_created event");
    EXPECT_EQ(error_of(with_events({ev(1, 0, 0, "task_created", R"(,"task":1)")})), "line 3, column 52: task 1 is created twice");
    EXPECT_EQ(error_of(with_events({ev(1, 0, 0, "task_created", R"(,"text":"t")")})),
              "line 3, column 1: task_created needs a \"task\" other than 0 (0 is the loop)");
    // Task 0 is the loop: always there.
    EXPECT_EQ(error_of(with_events({ev(1, 0, 0, "log", R"(,"task":0,"text":"x")")})), "accepted");
}

TEST(TraceFileError, an_object_is_created_before_a_queue_semaphore_lock_event_or_bucket_event_names_it) {
    EXPECT_EQ(error_of(with_events({ev(1, 0, 0, "queue_put", R"(,"task":1,"object":3,"text":"job")")})),
              "line 3, column 60: queue_put names object 3 before its object_created event");
    EXPECT_EQ(error_of(with_events({ev(1, 0, 0, "lock_acquire", R"(,"task":1)")})),
              "line 3, column 1: lock_acquire names object 0 before its object_created event");
    EXPECT_EQ(error_of(with_events({ev(1, 0, 0, "object_created", R"(,"object_kind":"Lock","object":3)"),
                                    ev(2, 0, 0, "object_created", R"(,"object_kind":"Lock","object":3)")})),
              "line 4, column 77: object 3 is created twice");
    EXPECT_EQ(error_of(with_events({ev(1, 0, 0, "object_created", R"(,"object_kind":"Lock","object":3)"),
                                    ev(2, 0, 0, "lock_acquire", R"(,"task":1,"object":3)")})),
              "accepted");
}

}  // namespace
