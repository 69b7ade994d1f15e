// Dirigent's own trace file: JSON Lines, a header line then one event per line
// (core/trace/TRACE_FORMAT.md describes the format). The writer turns a Recorder
// into such a file; the reader turns a file -- or a pipe from the Python harness,
// fed as it arrives -- back into a Recorder.
//
// The reader is strict: anything that is not exactly version 1 of the format,
// and event sequences that break its structural rules (seq in order, time and
// iteration never going back, tasks and objects introduced before use, RunEnd at
// the end), stop it with one error, "line L, column C: message". It never throws,
// never aborts, and costs O(line length) per line whatever the input (nesting is
// refused at its first bracket, lines are limited to max_line_bytes).
#pragma once

#include "aio/trace_event.hpp"
#include "trace/id_index.hpp"
#include "trace/recorder.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace trace {

inline constexpr int trace_format_version = 1;
// A longer line (without its "\n" or "\r\n") is an error.
inline constexpr std::size_t max_line_bytes = std::size_t{1} << 20;

// The header's optional values ("program", "clock", "python", "writer", ...), as
// text: a number in the file is kept as its literal ("3.12" stays "3.12"). The
// keys "format" and "version" are not in here: the writer puts in its own.
struct TraceHeader {
    std::map<std::string, std::string, std::less<>> values;

    friend bool operator==(const TraceHeader&, const TraceHeader&) = default;
};

// The header line: "format" and "version" first, then the values (as strings).
void write_trace_header(std::ostream& out, const TraceHeader& header);
// One event line; fields equal to TraceEvent's defaults are left out (but seq, it,
// t, kind). Texts are written as UTF-8: bytes that are not valid UTF-8 become U+FFFD.
void write_trace_event(std::ostream& out, const aio::TraceEvent& event);
// The header and every event of the recorder. The caller checks `out` for failure.
void write_trace_file(std::ostream& out, const TraceHeader& header, const Recorder& recorder);

struct TraceFileError {
    std::uint64_t line = 0;    // 1-based
    std::uint64_t column = 0;  // 1-based, in bytes
    std::string message;       // one line

    // "line L, column C: message"
    std::string to_string() const;
    friend bool operator==(const TraceFileError&, const TraceFileError&) = default;
};

// Reads a trace incrementally into a Recorder: line by line (feed_line) or in
// chunks of any size as they come from a pipe (feed). Use one of the two for one
// input, then call finish() at its end. A line's event reaches the recorder only
// once the whole line checked out; after the first error nothing more is read and
// that error stays (the events before it stay in the recorder).
//
// Events' `file` points at the reader's copy of the name (one per distinct name,
// so equal names have equal pointers, as with std::source_location). Those copies
// live as long as the reader or any holder of file_names() does: keep one of them
// alive while the recorder's events are used.
class TraceReader {
public:
    explicit TraceReader(Recorder& into);
    TraceReader(const TraceReader&) = delete;
    TraceReader& operator=(const TraceReader&) = delete;
    ~TraceReader();

    // One line without its '\n' (a trailing '\r' is dropped). False on error.
    bool feed_line(std::string_view line);
    // Bytes of the input as they arrive; splits lines itself. False on error.
    bool feed(std::string_view bytes);
    // The input ended: reads a last line left without '\n' (feed) and checks that the
    // trace is complete (a header, RunEnd at the end). False on error.
    bool finish();

    bool has_header() const noexcept { return has_header_; }
    const TraceHeader& header() const noexcept { return header_; }
    const std::optional<TraceFileError>& error() const noexcept { return error_; }
    // RunEnd seen.
    bool ended() const noexcept { return ended_; }
    // Lines read so far (the header included).
    std::uint64_t lines() const noexcept { return line_; }
    // Keeps the file names that events point at alive beyond the reader.
    std::shared_ptr<const void> file_names() const noexcept { return names_; }

private:
    struct Names;
    bool read_line(std::string_view line);
    bool read_header(std::string_view line);
    bool read_event(std::string_view line);
    bool fail(std::uint64_t column, std::string message);

    Recorder& into_;
    std::shared_ptr<Names> names_;
    TraceHeader header_;
    std::optional<TraceFileError> error_;
    std::uint64_t line_ = 0;
    std::uint64_t run_end_line_ = 0;
    bool has_header_ = false;
    bool ended_ = false;
    bool finished_ = false;
    std::string partial_;  // feed(): the line read so far
    // The previous event's seq + 1, iteration and time.
    std::uint64_t next_seq_ = 0;
    std::uint64_t iteration_ = 0;
    std::int64_t time_ns_ = 0;
    IdIndex tasks_;    // ids introduced by TaskCreated
    IdIndex objects_;  // ids introduced by ObjectCreated
    // Reused from line to line, so that reading allocates only for longer texts.
    aio::TraceEvent event_;
    std::string key_, value_, file_;
};

// A whole trace read into memory. `storage` keeps the events' file names alive:
// they stay valid as long as the LoadedTrace (or a copy of `storage`) lives, also
// after moving it.
struct LoadedTrace {
    TraceHeader header;
    std::unique_ptr<Recorder> recorder;
    std::shared_ptr<const void> storage;
};

// Reads everything from `in` (the last line may lack its '\n'). A stream that failed
// before (a file that did not open) or while reading gives an error, too.
std::variant<LoadedTrace, TraceFileError> read_trace_file(std::istream& in);

}  // namespace trace
