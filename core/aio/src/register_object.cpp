#include "aio/detail/future_awaiter.hpp"

namespace aio::detail {

std::uint32_t register_object(ObjectKind kind, const std::string& name, std::int64_t capacity) {
    EventLoop* loop = EventLoop::current();
    if (!loop) return 0;
    const std::uint32_t id = loop->next_object_id();
    if (loop->tracing()) {
        TraceEvent e;
        e.kind = TraceEventKind::ObjectCreated;
        e.object = id;
        e.object_kind = kind;
        e.value = capacity;
        e.text = name;
        if (auto* t = loop->current_task()) e.task = t->id;
        loop->emit_trace_event(std::move(e));
    }
    return id;
}

}  // namespace aio::detail
