// Identity of a queue, semaphore, lock, event or bucket in the trace.
#pragma once

#include "aio/detail/future_awaiter.hpp"

#include <string>
#include <utility>

namespace aio::detail {

class TracedObject {
public:
    const std::string& name() const noexcept { return name_; }
    // The id is given by the running loop the first time the object is used.
    // A count the object keeps that the trace cannot infer from its operations (a session's
    // connections open, say): one ObjectCount event, shown by the views and in Chrome's
    // counters. Nothing is emitted outside a traced loop.
    void report_count(std::int64_t value, std::string what) { trace(TraceEventKind::ObjectCount, value, std::move(what)); }

    std::uint32_t object_id() {
        if (!id_) [[unlikely]] id_ = register_object(kind_, name_, capacity_);
        return id_;
    }

protected:
    // Created inside a running loop, the object enters the trace at once (so a view sees
    // it where the program made it); otherwise at its first use.
    TracedObject(ObjectKind kind, std::string name, std::int64_t capacity, bool internal = false)
        : name_(std::move(name)), capacity_(capacity), kind_(kind), internal_(internal) {
        if (!internal_ && EventLoop::current()) id_ = register_object(kind_, name_, capacity_);
    }

    void trace(TraceEventKind kind, std::int64_t value = 0, std::string text = {}) {
        if (internal_) return;  // a part of another object (Queue.join's event, a bucket's line)
        EventLoop* loop = EventLoop::current();
        if (loop && loop->tracing()) [[unlikely]] {
            TraceEvent e;
            e.kind = kind;
            e.object = object_id();
            e.value = value;
            e.text = std::move(text);
            if (auto* t = loop->current_task()) e.task = t->id;
            loop->emit_trace_event(std::move(e));
        }
    }

    std::string name_;
    std::int64_t capacity_;
    std::uint32_t id_ = 0;
    ObjectKind kind_;
    bool internal_ = false;
};

}  // namespace aio::detail
