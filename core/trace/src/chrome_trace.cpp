#include "trace/chrome_trace.hpp"

#include "json_escape.hpp"
#include "trace/recorder.hpp"
#include "trace/text_log.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>
#include <ostream>
#include <string>
#include <unordered_map>
#include <vector>

namespace trace {

namespace {

using aio::TraceEventKind;
using aio::WaitKind;

// One task's track while writing: its open step and its wait.
struct Track {
    bool named = false;
    bool in_step = false;
    std::int64_t step_begin = 0;
    std::uint64_t step_iteration = 0;
    std::uint64_t step_seq = 0;
    // The wait reported by Suspended: pending until its step ends, then open.
    bool wait_pending = false;
    bool wait_open = false;
    std::int64_t wait_begin = 0;
    WaitKind wait = WaitKind::None;
    std::uint32_t wait_object = 0;
    std::int64_t wait_value = 0;
    const char* wait_file = nullptr;
    std::uint32_t wait_line = 0;
};

struct ObjectName {
    aio::ObjectKind kind = aio::ObjectKind::None;
    std::string name;
};

class ChromeWriter {
public:
    ChromeWriter(const Recorder& recorder, std::ostream& out, const ChromeTraceOptions& options)
        : recorder_(recorder), out_(out), options_(options) {}

    void write() {
        // First pass: task names (a track is named when first used) and the loop's tid.
        std::uint32_t max_task = 0;
        for (const aio::TraceEvent& e : recorder_) {
            max_task = std::max(max_task, e.task);
            if (e.kind == TraceEventKind::TaskCreated) task_names_.try_emplace(e.task, e.text);
        }
        loop_tid_ = static_cast<std::uint64_t>(max_task) + 1;

        buf_ += "{\"traceEvents\":[\n";
        begin_event("process_name", "M", loop_tid_, nullptr);
        buf_ += ",\"args\":{\"name\":";
        detail::append_json_string(buf_, options_.process_name);
        buf_ += "}}";
        name_thread(loop_tid_, "event loop", -1);

        std::size_t index = 0;
        for (const aio::TraceEvent& e : recorder_) {
            ts_ = timestamp(e, index++);
            handle(e);
            if (buf_.size() >= 64 * 1024) flush();
        }
        close_all();
        buf_ += "\n],\"displayTimeUnit\":\"ms\",\"otherData\":{\"generator\":\"dirigent\",\"time_axis\":\"";
        buf_ += options_.axis == ChromeTimeAxis::Sequence ? "sequence" : "loop time";
        buf_ += "\"}}\n";
        flush();
    }

private:
    std::int64_t timestamp(const aio::TraceEvent& e, std::size_t index) {
        if (options_.axis == ChromeTimeAxis::Sequence) return static_cast<std::int64_t>(index) * 1000;
        // Loop time, one nanosecond further per event that shares an instant (not past the
        // clock's end, where a trace read from a file may sit).
        const std::int64_t next = last_ts_ == std::numeric_limits<std::int64_t>::max() ? last_ts_ : last_ts_ + 1;
        const std::int64_t t = index == 0 ? e.time_ns : std::max(e.time_ns, next);
        last_ts_ = t;
        return t;
    }

    void flush() {
        out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
        buf_.clear();
    }

    template <class Int>
    void append_number(Int v) {
        char tmp[24];
        const auto [end, ec] = std::to_chars(tmp, tmp + sizeof tmp, v);
        buf_.append(tmp, end);
    }
    void append_uint(std::uint64_t v) { append_number(v); }
    void append_int(std::int64_t v) { append_number(v); }
    // `v` as <v / 10^digits>.<v % 10^digits, zero-padded>.
    void append_fixed(std::uint64_t v, int digits) {
        std::uint64_t scale = 1;
        for (int i = 0; i < digits; ++i) scale *= 10;
        append_number(v / scale);
        char frac[9];
        std::uint64_t rest = v % scale;
        for (int i = digits - 1; i >= 0; --i) {
            frac[i] = static_cast<char>('0' + rest % 10);
            rest /= 10;
        }
        buf_ += '.';
        buf_.append(frac, static_cast<std::size_t>(digits));
    }
    // Nanoseconds as microseconds with three decimals.
    void append_us(std::int64_t ns) { append_fixed(ns < 0 ? 0 : static_cast<std::uint64_t>(ns), 3); }
    void append_seconds(std::int64_t ns) {
        if (ns < 0) buf_ += '-';
        append_fixed(ns < 0 ? 0 - static_cast<std::uint64_t>(ns) : static_cast<std::uint64_t>(ns), 9);
    }

    // Starts `{"name":...,"ph":...,"pid":1,"tid":...` (and "cat" if given); the caller closes it.
    void begin_event(std::string_view name, const char* ph, std::uint64_t tid, const char* cat) {
        if (!first_) buf_ += ",\n";
        first_ = false;
        buf_ += "{\"name\":";
        detail::append_json_string(buf_, name);
        if (cat) {
            buf_ += ",\"cat\":\"";
            buf_ += cat;
            buf_ += '"';
        }
        buf_ += ",\"ph\":\"";
        buf_ += ph;
        buf_ += "\",\"pid\":1,\"tid\":";
        append_uint(tid);
    }

    void name_thread(std::uint64_t tid, std::string_view name, std::int64_t sort_index) {
        begin_event("thread_name", "M", tid, nullptr);
        buf_ += ",\"args\":{\"name\":";
        detail::append_json_string(buf_, name);
        buf_ += "}}";
        begin_event("thread_sort_index", "M", tid, nullptr);
        buf_ += ",\"args\":{\"sort_index\":";
        append_int(sort_index);
        buf_ += "}}";
    }

    std::uint64_t tid_of(std::uint32_t task) const noexcept { return task == 0 ? loop_tid_ : task; }

    Track& track(std::uint32_t task) {
        Track& t = tracks_[task];
        if (!t.named) {
            t.named = true;
            name_thread(task, task_label(task), task);
        }
        return t;
    }

    // An instant on `task`'s track (0: the loop's); the caller may add args and must close with end_instant.
    void begin_instant(std::string_view name, std::uint32_t task, const char* cat, bool global = false) {
        if (task != 0) track(task);
        begin_event(name, "i", tid_of(task), cat);
        buf_ += ",\"s\":\"";
        buf_ += global ? 'g' : 't';
        buf_ += "\",\"ts\":";
        append_us(ts_);
    }
    void instant(std::string_view name, std::uint32_t task, const char* cat) {
        begin_instant(name, task, cat);
        buf_ += '}';
    }

    void counter(const std::string& name, const char* key, std::int64_t value) {
        if (!options_.counters) return;
        begin_event(name, "C", loop_tid_, nullptr);
        buf_ += ",\"ts\":";
        append_us(ts_);
        buf_ += ",\"args\":{\"";
        buf_ += key;
        buf_ += "\":";
        append_int(value);
        buf_ += "}}";
    }

    void slice(std::string_view name, std::uint32_t task, const char* cat, std::int64_t begin, std::int64_t end) {
        begin_event(name, "X", tid_of(task), cat);
        buf_ += ",\"ts\":";
        append_us(begin);
        buf_ += ",\"dur\":";
        // Unsigned: from a negative begin to a late end the difference exceeds int64.
        append_fixed(end > begin ? static_cast<std::uint64_t>(end) - static_cast<std::uint64_t>(begin) : 0, 3);
    }

    std::string object_label(std::uint32_t id) const {
        auto it = objects_.find(id);
        if (it != objects_.end() && !it->second.name.empty()) return it->second.name;
        std::string label(it != objects_.end() ? aio::to_string(it->second.kind) : std::string_view("object"));
        return label + "#" + std::to_string(id);
    }

    std::string task_label(std::uint32_t id) const {
        auto it = task_names_.find(id);
        if (it != task_names_.end() && !it->second.empty()) return it->second;
        return "Task-" + std::to_string(id);
    }

    static bool is_object_wait(WaitKind wait) noexcept {
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

    std::string wait_label(WaitKind wait, std::uint32_t object) const {
        std::string label(aio::to_string(wait));
        if (is_object_wait(wait)) label += " " + object_label(object);
        else if (wait == WaitKind::Task) label += " " + task_label(object);
        return label;
    }

    void end_step(std::uint32_t task, Track& t) {
        if (!t.in_step) return;
        t.in_step = false;
        slice("step", task, "step", t.step_begin, ts_);
        buf_ += ",\"args\":{\"iteration\":";
        append_uint(t.step_iteration);
        buf_ += ",\"first_seq\":";
        append_uint(t.step_seq);
        buf_ += "}}";
    }

    void end_wait(std::uint32_t task, Track& t) {
        t.wait_pending = false;
        if (!t.wait_open) return;
        t.wait_open = false;
        slice(wait_label(t.wait, t.wait_object), task, "wait", t.wait_begin, ts_);
        buf_ += ",\"args\":{\"wait\":\"";
        buf_ += aio::to_string(t.wait);
        buf_ += "\",\"object\":";
        append_uint(t.wait_object);
        if (t.wait == WaitKind::Sleep) {
            buf_ += ",\"deadline_s\":";
            append_seconds(t.wait_value);
        } else {
            buf_ += ",\"value\":";
            append_int(t.wait_value);
        }
        if (t.wait_file) {
            buf_ += ",\"at\":";
            detail::append_json_string(buf_, std::string(source_basename(t.wait_file)) + ":" + std::to_string(t.wait_line));
        }
        buf_ += "}}";
    }

    void args_text(const char* key, std::string_view text) {
        buf_ += ",\"";
        buf_ += key;
        buf_ += "\":";
        detail::append_json_string(buf_, text);
    }

    void handle(const aio::TraceEvent& e) {
        switch (e.kind) {
        case TraceEventKind::TaskCreated: {
            begin_instant("created", e.task, "task");
            buf_ += ",\"args\":{\"parent\":";
            append_uint(e.other);
            if (e.file) args_text("at", std::string(source_basename(e.file)) + ":" + std::to_string(e.line));
            buf_ += "}}";
            break;
        }
        case TraceEventKind::TaskScheduled:
            break;  // visible as the gap between a wait's end and the next step
        case TraceEventKind::StepBegin: {
            Track& t = track(e.task);
            end_wait(e.task, t);
            end_step(e.task, t);
            t.in_step = true;
            t.step_begin = ts_;
            t.step_iteration = e.iteration;
            t.step_seq = e.seq;
            break;
        }
        case TraceEventKind::StepEnd: {
            Track& t = track(e.task);
            end_step(e.task, t);
            if (t.wait_pending) {
                t.wait_pending = false;
                t.wait_open = true;
                t.wait_begin = ts_;
            }
            break;
        }
        case TraceEventKind::Suspended: {
            Track& t = track(e.task);
            end_wait(e.task, t);
            t.wait = e.wait;
            t.wait_object = e.object;
            t.wait_value = e.value;
            t.wait_file = e.file;
            t.wait_line = e.line;
            if (t.in_step) {
                t.wait_pending = true;
            } else {
                t.wait_open = true;
                t.wait_begin = ts_;
            }
            break;
        }
        case TraceEventKind::Woken: {
            end_wait(e.task, track(e.task));
            begin_instant("woken", e.task, "task");
            buf_ += ",\"args\":{\"by\":";
            append_uint(e.other);
            buf_ += ",\"object\":";
            append_uint(e.object);
            buf_ += "}}";
            break;
        }
        case TraceEventKind::TaskFinished: {
            end_wait(e.task, track(e.task));
            begin_instant("finished", e.task, "task");
            buf_ += ",\"args\":{\"outcome\":\"";
            buf_ += aio::to_string(e.outcome);
            buf_ += '"';
            args_text("text", e.text);
            buf_ += "}}";
            break;
        }
        case TraceEventKind::CancelRequested:
            begin_instant("cancel requested", e.task, "task");
            buf_ += ",\"args\":{\"by\":";
            append_uint(e.other);
            buf_ += "}}";
            break;
        case TraceEventKind::TimerArmed:
            timer_owner_[e.object] = e.task;
            begin_instant("timer armed", e.task, "timer");
            buf_ += ",\"args\":{\"timer\":";
            append_uint(e.object);
            buf_ += ",\"deadline_s\":";
            append_seconds(e.value);
            buf_ += "}}";
            break;
        case TraceEventKind::TimerFired:
        case TraceEventKind::TimerCancelled: {
            std::uint32_t owner = 0;
            if (auto it = timer_owner_.find(e.object); it != timer_owner_.end()) {
                owner = it->second;
                timer_owner_.erase(it);
            }
            begin_instant(e.kind == TraceEventKind::TimerFired ? "timer fired" : "timer cancelled", owner, "timer");
            buf_ += ",\"args\":{\"timer\":";
            append_uint(e.object);
            buf_ += "}}";
            break;
        }
        case TraceEventKind::ObjectCreated:
            objects_[e.object] = {e.object_kind, e.text};
            break;
        case TraceEventKind::QueuePut:
        case TraceEventKind::QueueGet: {
            const std::string label = object_label(e.object);
            begin_instant((e.kind == TraceEventKind::QueuePut ? "put " : "get ") + label, e.task, "queue");
            buf_ += ",\"args\":{";
            buf_ += "\"size\":";
            append_int(e.value);
            args_text("item", e.text);
            buf_ += "}}";
            counter(label + " size", "size", e.value);
            break;
        }
        case TraceEventKind::QueueTaskDone:
            instant("task_done " + object_label(e.object), e.task, "queue");
            counter(object_label(e.object) + " unfinished", "unfinished", e.value);
            break;
        case TraceEventKind::QueueJoin:
            instant("join returned " + object_label(e.object), e.task, "queue");
            break;
        case TraceEventKind::SemAcquire:
        case TraceEventKind::SemRelease: {
            const std::string label = object_label(e.object);
            instant((e.kind == TraceEventKind::SemAcquire ? "acquire " : "release ") + label, e.task, "sync");
            counter(label + " free permits", "free", e.value);
            break;
        }
        case TraceEventKind::LockAcquire:
            instant("acquire " + object_label(e.object), e.task, "sync");
            break;
        case TraceEventKind::LockRelease:
            instant("release " + object_label(e.object), e.task, "sync");
            break;
        case TraceEventKind::AsyncioEventSet:
            instant("set " + object_label(e.object), e.task, "sync");
            break;
        case TraceEventKind::AsyncioEventClear:
            instant("clear " + object_label(e.object), e.task, "sync");
            break;
        case TraceEventKind::BucketTake:
            begin_instant("take " + object_label(e.object), e.task, "sync");
            buf_ += ",\"args\":{\"tokens\":";
            append_int(e.value);
            args_text("level", e.text);
            buf_ += "}}";
            break;
        case TraceEventKind::ObjectCount:
            counter(object_label(e.object) + " " + e.text, "count", e.value);
            break;
        case TraceEventKind::Log:
            begin_instant(e.text, e.task, "log");
            buf_ += '}';
            break;
        case TraceEventKind::Deadlock:
            begin_instant("deadlock", e.task, "loop");
            buf_ += ",\"args\":{\"waits_on\":";
            detail::append_json_string(buf_, wait_label(e.wait, e.object));
            if (e.file) args_text("at", std::string(source_basename(e.file)) + ":" + std::to_string(e.line));
            buf_ += "}}";
            break;
        case TraceEventKind::NeverAwaited:
            begin_instant("never awaited", 0, "loop");
            buf_ += ",\"args\":{";
            buf_ += "\"coroutine\":";
            detail::append_json_string(buf_, e.text);
            if (e.file) args_text("at", std::string(source_basename(e.file)) + ":" + std::to_string(e.line));
            buf_ += "}}";
            break;
        case TraceEventKind::SlowStep:
            begin_instant("slow step", e.task, "loop");
            buf_ += ",\"args\":{\"duration_ns\":";
            append_int(e.value);
            args_text("text", e.text);
            buf_ += "}}";
            break;
        case TraceEventKind::ExceptionNeverRetrieved:
            begin_instant("exception never retrieved", e.task, "loop");
            buf_ += ",\"args\":{";
            buf_ += "\"text\":";
            detail::append_json_string(buf_, e.text);
            buf_ += "}}";
            break;
        case TraceEventKind::RunEnd:
            begin_instant("run end", 0, "loop", true);
            buf_ += ",\"args\":{\"outcome\":\"";
            buf_ += aio::to_string(e.outcome);
            buf_ += '"';
            args_text("text", e.text);
            buf_ += "}}";
            break;
        }
    }

    // Closes what the trace left open (a run cut short, tasks left waiting).
    void close_all() {
        std::vector<std::uint32_t> ids;
        ids.reserve(tracks_.size());
        for (const auto& [id, t] : tracks_) ids.push_back(id);
        std::sort(ids.begin(), ids.end());
        for (std::uint32_t id : ids) {
            Track& t = tracks_[id];
            end_step(id, t);
            if (t.wait_pending) {
                t.wait_pending = false;
                t.wait_open = true;
                t.wait_begin = ts_;
            }
            end_wait(id, t);
        }
    }

    const Recorder& recorder_;
    std::ostream& out_;
    const ChromeTraceOptions& options_;
    std::string buf_;
    bool first_ = true;
    std::uint64_t loop_tid_ = 1;
    std::int64_t ts_ = 0;
    std::int64_t last_ts_ = 0;
    std::unordered_map<std::uint32_t, Track> tracks_;
    std::unordered_map<std::uint32_t, std::string> task_names_;
    std::unordered_map<std::uint32_t, ObjectName> objects_;
    std::unordered_map<std::uint32_t, std::uint32_t> timer_owner_;
};

}  // namespace

void write_chrome_trace(const Recorder& recorder, std::ostream& out, const ChromeTraceOptions& options) {
    ChromeWriter(recorder, out, options).write();
}

}  // namespace trace
