#include "aio/detail/task_core.hpp"

#include "aio/errors.hpp"

#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace aio::detail {

namespace {
// Python prints a coroutine's bare name: "aio::Task<int> net::fetch(int)" -> "fetch";
// a lambda is "<lambda>", as in Python.
std::string coroutine_name(const std::source_location& fn) {
    const std::string s = fn.function_name();
    if (s.find("<lambda") != std::string::npos) return "<lambda>";
    // The parameter list is the last balanced (...) of the signature.
    std::size_t end = s.rfind(')');
    if (end == std::string::npos) return s;
    int depth = 0;
    std::size_t open = std::string::npos;
    for (std::size_t i = end + 1; i-- > 0;) {
        if (s[i] == ')') ++depth;
        else if (s[i] == '(' && --depth == 0) {
            open = i;
            break;
        }
    }
    if (open == std::string::npos) return s;
    // Walk back over the qualified name, skipping template arguments.
    std::size_t stop = open;
    int angle = 0;
    std::size_t begin = 0;
    for (std::size_t i = stop; i-- > 0;) {
        const char c = s[i];
        if (c == '>') ++angle;
        else if (c == '<') --angle;
        else if (angle == 0 && (c == ' ' || c == ':')) {
            begin = i + 1;
            break;
        }
    }
    std::string name = s.substr(begin, stop - begin);
    return name.empty() ? "coroutine" : name;
}

std::string message_of(const std::exception_ptr& cancelled) {
    try {
        std::rethrow_exception(cancelled);
    } catch (const CancelledError& e) {
        return e.message();
    } catch (...) {
    }
    return {};
}

void emit_simple(EventLoop& loop, TraceEventKind kind, std::uint32_t task, std::uint32_t other = 0) {
    TraceEvent e;
    e.kind = kind;
    e.task = task;
    e.other = other;
    loop.emit_trace_event(std::move(e));
}
}  // namespace

bool is_task_wakeup(const Callback* cb) noexcept { return cb->fn == &TaskCore::step_thunk; }

TaskCore* task_of_wakeup(const Callback* cb) noexcept {
    return is_task_wakeup(cb) ? static_cast<TaskCore*>(cb->ctx) : nullptr;
}

void throw_no_running_task() {
    throw RuntimeError("no running task: call this from inside a coroutine run by aio");
}

namespace {
// The messages of tasks that returned normally after swallowing a cancel(msg) (done_msg_kept_):
// rare, so kept out of the task record.
std::mutex done_messages_mutex;
std::map<const TaskCore*, std::string>& done_messages() {
    static std::map<const TaskCore*, std::string> messages;
    return messages;
}
}  // namespace

std::string TaskCore::done_cancel_message() const {
    if (!done_msg_kept_) return {};
    std::lock_guard lock(done_messages_mutex);
    return done_messages()[this];
}

void TaskCore::keep_done_message() noexcept {
    try {
        std::string msg = message_of(error_);
        std::lock_guard lock(done_messages_mutex);
        done_messages()[this] = std::move(msg);
        done_msg_kept_ = true;
    } catch (...) {
    }
}

TaskCore::~TaskCore() {
    if (done_msg_kept_) {
        std::lock_guard lock(done_messages_mutex);
        done_messages().erase(this);
    }
    if (registered && loop_) loop_->unregister_task(this);
    if (name_ && !(name_ & 1)) delete reinterpret_cast<std::string*>(name_);
}

const std::string& TaskCore::name() const {
    if (!name_ || (name_ & 1)) {
        const std::uintptr_t number = name_ >> 1;
        name_ = reinterpret_cast<std::uintptr_t>(new std::string(number ? "Task-" + std::to_string(number) : std::string()));
    }
    return *reinterpret_cast<const std::string*>(name_);
}

void TaskCore::set_name(std::string task_name) {
    if (name_ && !(name_ & 1)) delete reinterpret_cast<std::string*>(name_);
    name_ = reinterpret_cast<std::uintptr_t>(new std::string(std::move(task_name)));
}

void report_callback_exception() noexcept {
    try {
        if (auto* loop = EventLoop::current())
            loop->warn("Exception in callback: " + describe(std::current_exception()));
    } catch (...) {
    }
}

void DoneCallbackNode::fire(void* self) {
    auto* node = static_cast<DoneCallbackNode*>(self);
    try {
        node->invoke();
    } catch (...) {
        // asyncio's default exception handler: report and keep the loop running.
        report_callback_exception();
    }
    delete node;  // drops its handle on the task (the task may go with it)
}

void TaskCore::start_as_task(EventLoop& loop, std::string task_name, const std::source_location& where,
                             bool number_if_named) {
    loop_ = &loop;
    is_task_ = true;
    id = loop.next_task_id();
    if (!task_name.empty() && number_if_named) (void)loop.next_default_name_number();
    if (task_name.empty()) {
        const std::uintptr_t number = loop.next_default_name_number();
        if (!name_) name_ = (number << 1) | 1;  // a name asked for before stays what it was
    } else {
        if (name_ && !(name_ & 1)) delete reinterpret_cast<std::string*>(name_);
        name_ = reinterpret_cast<std::uintptr_t>(new std::string(std::move(task_name)));
    }
    if (auto* creator = loop.current_task()) parent = creator->id;
    add_ref();  // the loop's reference, dropped when the task is done
    loop.register_task(this);
    if (loop.tracing()) [[unlikely]] {
        TraceEvent e;
        e.kind = TraceEventKind::TaskCreated;
        e.task = id;
        e.other = parent;
        e.text = name();
        e.file = where.file_name();
        e.line = where.line();
        loop.emit_trace_event(std::move(e));
    }
    loop.call_soon(&wakeup_);
    if (loop.tracing()) [[unlikely]] emit_simple(loop, TraceEventKind::TaskScheduled, id);
}

// asyncio's Task.__step: deliver a pending cancellation, run the coroutine to its
// next suspension, and finish the task if it returned.
void TaskCore::step() {
    EventLoop& loop = *loop_;
    deliver_cancel_ = must_cancel_;
    must_cancel_ = false;
    wait_kind = WaitKind::None;
    TaskCore* previous = loop.current_task();
    loop.set_current_task(this);
    add_ref();  // the frame must outlive the step even if it finishes
    if (loop.tracing()) [[unlikely]] emit_simple(loop, TraceEventKind::StepBegin, id);

    if (!started_) {
        started_ = true;
        if (deliver_cancel_) {
            // Cancelled before its first step: the body never runs. (Python throws the
            // CancelledError into the fresh coroutine, which raises it at once.)
            deliver_cancel_ = false;
            cancel_msg_kept_ = false;
            finish_task(true, nullptr);
        } else {
            resume_point = frame;
            resume_point.resume();
        }
    } else if (auto* hook = static_cast<ResumeHook*>(std::exchange(link_, nullptr)); hook && !hook->fn(hook)) {
        // the hook re-suspended the task without resuming the coroutine
    } else {
        resume_point.resume();
    }

    if (loop.tracing()) [[unlikely]] emit_simple(loop, TraceEventKind::StepEnd, id);
    loop.set_current_task(previous);
    release();
}

void TaskCore::finish_task(bool threw_cancelled, ResultText result_text) noexcept {
    EventLoop& loop = *loop_;
    wait_kind = WaitKind::None;
    // asyncio: a task asked to cancel right before its coroutine returns is cancelled
    // (with the message given to cancel(), kept in error_).
    const bool raised = error_ && !threw_cancelled && !cancel_msg_kept_;
    const bool cancelled_now = threw_cancelled || (must_cancel_ && !raised);
    if (!cancelled_now && cancel_msg_kept_) {
        // Returned normally: the message leaves the error slot but stays Task._cancel_message.
        keep_done_message();
        error_ = nullptr;
        cancel_msg_kept_ = false;
    }
    must_cancel_ = false;
    loop.unregister_task(this);
    if (loop.tracing()) [[unlikely]] {
        TraceEvent e;
        e.kind = TraceEventKind::TaskFinished;
        e.task = id;
        if (cancelled_now) e.outcome = Outcome::Cancelled;
        else if (raised) {
            e.outcome = Outcome::Exception;
            e.text = describe(error_);
        } else {
            e.outcome = Outcome::Result;
            if (result_text) e.text = result_text(*this);
        }
        loop.emit_trace_event(std::move(e));
    }
    if (cancelled_now) cancel_future();
    else if (raised) {
        state_ = State::Pending;
        set_error(error_);
    } else set_done();
    release();  // the loop's reference
}

bool TaskCore::cancel(std::string_view msg) {
    if (done()) return false;
    ++cancels_requested_;
    if (loop_ && loop_->tracing()) [[unlikely]] {
        auto* by = loop_->current_task();
        emit_simple(*loop_, TraceEventKind::CancelRequested, id, by ? by->id : 0);
    }
    // asyncio's _fut_waiter is the future our wakeup is registered with: once that future
    // is done (our step is queued), cancelling it would fail anyway.
    if (FutureCore* waiter = wakeup_.registered_in; waiter && waiter->cancel(msg)) {
        // Stay registered: it may be a task that swallows the cancellation.
        return true;
    }
    must_cancel_ = true;
    // Task._cancel_message = msg, only on this path (None clears an earlier one).
    if (!msg.empty()) {
        error_ = std::make_exception_ptr(CancelledError(std::string(msg)));
        cancel_msg_kept_ = true;
    } else if (cancel_msg_kept_) [[unlikely]] {
        error_ = nullptr;
        cancel_msg_kept_ = false;
    }
    return true;
}

void TaskCore::throw_delivered_cancel() {
    if (cancel_msg_kept_) std::rethrow_exception(error_);
    throw CancelledError();
}

void TaskCore::throw_delivered_cancel(FutureCore& fut) {
    // Task.__step keeps the CancelledError the awaited future raised (its message);
    // any other outcome is replaced by the task's own.
    if (fut.cancelled()) fut.throw_cancelled();
    if (const std::exception_ptr& e = fut.exception_ptr(); e && holds<CancelledError>(e)) std::rethrow_exception(e);
    throw_delivered_cancel();
}

void TaskCore::suspend_on(FutureCore* fut, std::coroutine_handle<> h, WaitKind kind, std::uint32_t object,
                          std::int64_t value) {
    resume_point = h;
    wait_kind = kind;
    wait_object = object;
    site_ = tl_await_site;
    if (loop_->tracing()) [[unlikely]] {
        TraceEvent e;
        e.kind = TraceEventKind::Suspended;
        e.task = id;
        e.wait = kind;
        e.object = object;
        e.value = value;
        e.file = site_.file_name();
        e.line = site_.line();
        loop_->emit_trace_event(std::move(e));
    }
    fut->add_done_callback(&wakeup_);
    if (must_cancel_) [[unlikely]] {
        // Task.__step: the future it yielded is cancelled with the task's message.
        const std::string msg = cancel_msg_kept_ ? message_of(error_) : std::string();
        if (fut->cancel(msg)) must_cancel_ = false;
    }
}

void TaskCore::yield_traced() {
    EventLoop& loop = *loop_;
    if (loop.tracing()) [[unlikely]] {
        TraceEvent e;
        e.kind = TraceEventKind::Suspended;
        e.task = id;
        e.wait = WaitKind::Yield;
        e.file = site_.file_name();
        e.line = site_.line();
        loop.emit_trace_event(std::move(e));
    }
    loop.call_soon(&wakeup_);
    if (loop.tracing()) [[unlikely]] emit_simple(loop, TraceEventKind::TaskScheduled, id);
}

void TaskCore::release() noexcept {
    if (--refs_ != 0) return;
    // CPython collects a task the moment its last reference goes; Future.__del__ then reports
    // an exception nobody asked for. The handles here are those references.
    if (exception_unretrieved()) [[unlikely]] report_never_retrieved();
    if (!is_task_ && !consumed) {
        // asyncio's RuntimeWarning: coroutine '...' was never awaited.
        const std::source_location created_at = site_;
        const std::string what = coroutine_name(created_at);
        if (auto* loop = EventLoop::current()) {
            if (loop->tracing()) {
                TraceEvent e;
                e.kind = TraceEventKind::NeverAwaited;
                e.text = what;
                e.file = created_at.file_name();
                e.line = created_at.line();
                loop->emit_trace_event(std::move(e));
            }
            loop->warn("RuntimeWarning: coroutine '" + what + "' was never awaited");
        }
    }
    frame.destroy();
}

namespace {
// repr() of an exception as Python shows it: ValueError('bad'); the C++ type without its namespace.
std::string exception_repr(const std::exception_ptr& error) {
    std::string name = type_name(error);
    if (auto colons = name.rfind("::"); colons != std::string::npos) name = name.substr(colons + 2);
    std::string what;
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& e) {
        what = e.what();
    } catch (...) {
    }
    if (what.empty() || what == name) return name + "()";
    // str.__repr__: single quotes unless the text holds one and no double quote.
    const char quote = what.find('\'') != std::string::npos && what.find('"') == std::string::npos ? '"' : '\'';
    std::string out = name + "(" + quote;
    for (char c : what) {
        if (c == '\\' || c == quote) out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out + quote + ")";
}
}  // namespace

void TaskCore::report_never_retrieved() noexcept {
    consumed = true;  // once
    try {
        // CPython's repr(task) goes on with coro=<...> (files and lines): both sides print the
        // state, the name and the exception (tests/python/vloop.py cuts CPython's line to this).
        const std::string line = "Task exception was never retrieved: <Task finished name='" + name() +
                                 "' exception=" + exception_repr(error_) + ">";
        EventLoop* loop = EventLoop::current();
        if (loop && loop != loop_) loop = nullptr;  // the task's loop is gone: no trace, no log sink
        if (loop && loop->tracing()) {
            TraceEvent e;
            e.kind = TraceEventKind::ExceptionNeverRetrieved;
            e.task = id;
            e.text = line;
            loop->emit_trace_event(std::move(e));
        }
        if (loop) loop->write_log_line(LogKind::Loop, line);
    } catch (...) {
    }
}

void TaskCore::abandon() noexcept {
    EventLoop* loop = loop_;
    if (loop) loop->unregister_task(this);
    if (state_ == State::Pending) state_ = State::Cancelled;
    // Done callbacks added with add_done_callback hold a handle on us: they will never run.
    if (!callbacks_.empty()) {
        add_ref();
        std::vector<DoneCallbackNode*> nodes;
        for (Callback* cb : callbacks_)
            if (DoneCallbackNode::is(cb)) nodes.push_back(static_cast<DoneCallbackNode*>(cb));
        for (auto* node : nodes) delete node;  // (its ~Callback unlinks it)
        release();
    }
    if (started_ || is_task_) release();
}

}  // namespace aio::detail
