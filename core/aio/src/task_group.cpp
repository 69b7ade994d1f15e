#include "aio/task_group.hpp"

namespace aio {

void TaskGroup::enter() {
    if (entered_) throw RuntimeError("TaskGroup has already been entered");
    parent_task_ = &detail::running_task();
    entered_ = true;
    id_ = EventLoop::get().next_object_id();
}

void TaskGroup::Member::on_done(void* self) {
    auto* m = static_cast<Member*>(self);
    m->group->on_task_done(*m);
}

void TaskGroup::on_task_done(Member& member) {
    // Keep the task alive while we look at it; its member (and its reference) goes now.
    detail::TaskCore* task = member.task;
    task->add_ref();
    tasks_.erase(member.self);
    struct Release {
        detail::TaskCore* t;
        ~Release() { t->release(); }
    } release{task};

    if (on_completed_ && tasks_.empty() && !on_completed_->done()) on_completed_->set_done();
    if (task->cancelled()) return;
    task->mark_retrieved();  // task.exception()
    std::exception_ptr error = task->exception_ptr();
    if (!error) return;
    errors_.push_back(error);
    if (parent_task_->done()) return;
    if (!aborting_ && !parent_cancel_requested_) {
        // Cancel the body too, and remember to take that cancellation back in exit().
        abort();
        parent_cancel_requested_ = true;
        parent_task_->cancel();
    }
}

void TaskGroup::abort() {
    aborting_ = true;
    // Creation order (asyncio iterates a set here).
    std::vector<detail::TaskCore*> children;
    for (auto& m : tasks_) children.push_back(m.task);
    for (auto* t : children)
        if (!t->done()) t->cancel();
}

Task<void> TaskGroup::exit(std::exception_ptr body_error, bool body_cancelled) {
    exiting_ = true;
    // The CancelledError to re-raise (with its message), if any.
    std::exception_ptr propagate_cancel;
    if (body_cancelled) propagate_cancel = body_error ? body_error : std::make_exception_ptr(CancelledError());
    if (parent_cancel_requested_) {
        // We cancelled our parent ourselves: take it back.
        if (parent_task_->uncancel() == 0) propagate_cancel = nullptr;
    }
    if (body_error && !aborting_) abort();

    while (!tasks_.empty()) {
        if (!on_completed_) on_completed_ = std::make_unique<FutureCore>();
        std::exception_ptr cancelled_while_waiting;
        try {
            co_await detail::FutureAwaiter{*on_completed_, WaitKind::TaskGroup, id_};
        } catch (const CancelledError&) {
            cancelled_while_waiting = std::current_exception();
        }
        if (cancelled_while_waiting && !aborting_) {
            // Our parent is being cancelled while children still run.
            propagate_cancel = cancelled_while_waiting;
            abort();
        }
        on_completed_.reset();
    }

    if (propagate_cancel && errors_.empty()) std::rethrow_exception(propagate_cancel);
    if (body_error && !body_cancelled) errors_.push_back(body_error);
    if (!errors_.empty()) {
        auto errors = std::move(errors_);
        errors_.clear();
        throw ExceptionGroup("unhandled errors in a TaskGroup", std::move(errors));
    }
}

}  // namespace aio
