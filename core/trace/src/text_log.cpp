#include "trace/text_log.hpp"

#include "trace/recorder.hpp"
#include "object_events.hpp"

#include <charconv>
#include <ostream>

namespace trace {

namespace {

using aio::TraceEventKind;
using aio::WaitKind;

enum Field : unsigned {
    Task = 1u << 0,
    Other = 1u << 1,
    Wait = 1u << 2,
    Obj = 1u << 3,
    Value = 1u << 4,
    Outcome = 1u << 5,
    At = 1u << 6,
    Text = 1u << 7,
    All = 0xffu,
};

// The fields each kind prints (see text_log.hpp).
unsigned fields_of(TraceEventKind kind) noexcept {
    switch (kind) {
    case TraceEventKind::TaskCreated: return Task | Other | At;
    case TraceEventKind::TaskScheduled:
    case TraceEventKind::StepBegin:
    case TraceEventKind::StepEnd: return Task;
    case TraceEventKind::Suspended: return Task | Wait | Obj | Value | At;
    case TraceEventKind::Woken: return Task | Other | Obj;
    case TraceEventKind::TaskFinished: return Task | Outcome | Text;
    case TraceEventKind::CancelRequested: return Task | Other;
    case TraceEventKind::TimerArmed: return Task | Obj | Value;
    case TraceEventKind::TimerFired:
    case TraceEventKind::TimerCancelled: return Obj;
    case TraceEventKind::ObjectCreated: return Wait | Obj | Value;
    case TraceEventKind::QueuePut:
    case TraceEventKind::QueueGet: return Task | Obj | Value | Text;
    case TraceEventKind::QueueTaskDone: return Task | Obj | Value;
    case TraceEventKind::QueueJoin: return Task | Obj;
    case TraceEventKind::SemAcquire:
    case TraceEventKind::SemRelease: return Task | Obj | Value;
    case TraceEventKind::LockAcquire:
    case TraceEventKind::LockRelease:
    case TraceEventKind::AsyncioEventSet:
    case TraceEventKind::AsyncioEventClear: return Task | Obj;
    case TraceEventKind::BucketTake:
    case TraceEventKind::ObjectCount: return Task | Obj | Value | Text;
    case TraceEventKind::Log: return Task | Text;
    case TraceEventKind::Deadlock: return Task | Wait | Obj | At | Text;
    case TraceEventKind::NeverAwaited: return At | Text;
    case TraceEventKind::SlowStep: return Task | Value | At | Text;
    case TraceEventKind::ExceptionNeverRetrieved: return Task | Text;
    case TraceEventKind::RunEnd: return Outcome | Text;
    }
    return All;
}

bool is_object_operation(TraceEventKind kind) noexcept {
    return kind == TraceEventKind::ObjectCreated || detail::names_sync_object(kind);
}

bool is_object_wait(WaitKind wait) noexcept {
    switch (wait) {
    case WaitKind::QueueGet:
    case WaitKind::QueuePut:
    case WaitKind::QueueJoin:
    case WaitKind::Semaphore:
    case WaitKind::Lock:
    case WaitKind::AsyncioEvent:
    case WaitKind::Bucket:
    case WaitKind::Condition: return true;
    default: return false;
    }
}

void append_escaped(std::string& out, std::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
        case '\\': out += "\\\\"; break;
        case '"': out += "\\\""; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (u < 0x20 || u == 0x7f) {
                out += "\\x";
                out += hex[u >> 4];
                out += hex[u & 0xf];
            } else {
                out += c;
            }
        }
    }
}

template <class Int>
void append_int(std::string& out, Int v) {
    char buf[24];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, end);
}

// Nanoseconds as seconds with exactly nine decimals, by integer arithmetic.
void append_seconds(std::string& out, std::int64_t ns) {
    const std::uint64_t magnitude = ns < 0 ? 0 - static_cast<std::uint64_t>(ns) : static_cast<std::uint64_t>(ns);
    if (ns < 0) out += '-';
    append_int(out, magnitude / 1'000'000'000u);
    char frac[9];
    std::uint64_t rest = magnitude % 1'000'000'000u;
    for (int i = 8; i >= 0; --i) {
        frac[i] = static_cast<char>('0' + rest % 10);
        rest /= 10;
    }
    out += '.';
    out.append(frac, sizeof frac);
}

void append_id(std::string& out, std::uint32_t id, const std::unordered_map<std::uint32_t, std::string>* names) {
    append_int(out, id);
    if (!names) return;
    auto it = names->find(id);
    if (it == names->end() || it->second.empty()) return;
    out += '(';
    append_escaped(out, it->second);
    out += ')';
}

}  // namespace

std::string_view source_basename(const char* file) noexcept {
    if (!file) return {};
    std::string_view path(file);
    const std::size_t slash = path.find_last_of("/\\");
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string TextLogFormatter::format(const aio::TraceEvent& event) {
    std::string line;
    append(line, event);
    return line;
}

void TextLogFormatter::append(std::string& out, const aio::TraceEvent& e) {
    if (e.kind == TraceEventKind::TaskCreated) task_names_[e.task] = e.text;
    if (e.kind == TraceEventKind::ObjectCreated) object_names_[e.object] = e.text;

    const unsigned fields = fields_of(e.kind);
    out += '#';
    append_int(out, e.seq);
    out += " it=";
    append_int(out, e.iteration);
    out += " t=";
    append_seconds(out, e.time_ns);
    out += ' ';
    out += aio::to_string(e.kind);
    if (fields & Task) {
        out += " task=";
        append_id(out, e.task, &task_names_);
    }
    if (fields & Other) {
        out += " other=";
        append_id(out, e.other, &task_names_);
    }
    if (fields & Wait) {
        out += " wait=";
        // ObjectCreated's kind is what the object is; it keeps the field name of old.
        out += e.kind == TraceEventKind::ObjectCreated ? aio::to_string(e.object_kind) : aio::to_string(e.wait);
    }
    if (fields & Obj) {
        const std::unordered_map<std::uint32_t, std::string>* names = nullptr;
        if (is_object_operation(e.kind) ||
            ((e.kind == TraceEventKind::Suspended || e.kind == TraceEventKind::Deadlock) && is_object_wait(e.wait))) {
            names = &object_names_;
        } else if ((e.kind == TraceEventKind::Suspended || e.kind == TraceEventKind::Deadlock) && e.wait == WaitKind::Task) {
            names = &task_names_;
        }
        out += " obj=";
        append_id(out, e.object, names);
    }
    if (fields & Value) {
        out += " value=";
        append_int(out, e.value);
    }
    if (fields & Outcome) {
        out += " outcome=";
        out += aio::to_string(e.outcome);
    }
    if ((fields & At) && e.file) {
        out += " at=";
        out += source_basename(e.file);
        out += ':';
        append_int(out, e.line);
    }
    if ((fields & Text) && !e.text.empty()) {
        out += " \"";
        append_escaped(out, e.text);
        out += '"';
    }
}

void write_text_log(const Recorder& recorder, std::ostream& out) {
    TextLogFormatter formatter;
    std::string buffer;
    for (const aio::TraceEvent& e : recorder) {
        formatter.append(buffer, e);
        buffer += '\n';
        if (buffer.size() >= 64 * 1024) {
            out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
            buffer.clear();
        }
    }
    out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
}

}  // namespace trace
