// asyncio.TaskGroup (3.11): structured concurrency. The first child that fails
// cancels its siblings and the body; the group then raises an ExceptionGroup
// holding every error.
#pragma once

#include "aio/detail/future_awaiter.hpp"
#include "aio/task.hpp"

#include <list>
#include <memory>
#include <vector>

namespace aio {

class TaskGroup {
public:
    TaskGroup() = default;
    TaskGroup(const TaskGroup&) = delete;

    template <class T>
    Task<T> create_task(Task<T> coro, std::string name = {},
                        std::source_location where = std::source_location::current()) {
        if (!entered_) throw RuntimeError("TaskGroup has not been entered");
        if (exiting_ && tasks_.empty()) throw RuntimeError("TaskGroup is finished");
        if (aborting_) throw RuntimeError("TaskGroup is shutting down");
        Task<T> task = aio::create_task(std::move(coro), std::move(name), where);
        Member& m = tasks_.emplace_back(this, task.core());
        m.self = std::prev(tasks_.end());
        task.core()->add_done_callback(&m.cb);
        return task;
    }

    // __aenter__.
    void enter();
    // __aexit__: waits for every child; raises ExceptionGroup / CancelledError as asyncio does.
    // `body_error` is what the body threw (null if nothing); `body_cancelled` if that was a cancellation.
    Task<void> exit(std::exception_ptr body_error, bool body_cancelled);

private:
    struct Member {
        Member(TaskGroup* g, detail::TaskCore* t) : group(g), task(t) { task->add_ref(); }
        ~Member() { task->release(); }
        static void on_done(void* self);
        TaskGroup* group;
        detail::TaskCore* task;
        Callback cb{&Member::on_done, this};
        std::list<Member>::iterator self;
    };

    void on_task_done(Member& member);
    void abort();

    std::list<Member> tasks_;  // children not yet done, in creation order
    std::vector<std::exception_ptr> errors_;
    detail::TaskCore* parent_task_ = nullptr;
    std::unique_ptr<FutureCore> on_completed_;
    std::uint32_t id_ = 0;
    bool entered_ = false;
    bool exiting_ = false;
    bool aborting_ = false;
    bool parent_cancel_requested_ = false;
};

// `async with asyncio.TaskGroup() as tg: body` ==
// `co_await aio::task_group([&](aio::TaskGroup& tg) -> aio::Task<> { body })`.
template <class F>
Task<void> task_group(F body) {
    TaskGroup tg;
    tg.enter();
    std::exception_ptr error;
    bool cancelled = false;
    try {
        co_await body(tg);
    } catch (const CancelledError&) {
        cancelled = true;
        error = std::current_exception();
    } catch (...) {
        error = std::current_exception();
    }
    co_await tg.exit(error, cancelled);
}

}  // namespace aio
