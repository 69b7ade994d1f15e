// asyncio.gather: the children become tasks at once; the result comes in
// argument order. Without return_exceptions the first error completes the
// gather while the other children keep running; cancelling it cancels them.
#pragma once

#include "aio/detail/future_awaiter.hpp"
#include "aio/result.hpp"
#include "aio/task.hpp"

#include <array>
#include <memory>
#include <string_view>
#include <tuple>
#include <vector>

namespace aio {

namespace detail {

// asyncio's _GatheringFuture and its _done_callback, shared by both shapes.
class GatherCore : public FutureCore {
public:
    GatherCore(bool return_exceptions, std::size_t n) : FutureCore(Kind::Gather), n_(n), return_exceptions_(return_exceptions) {}

    // Cancelling the gather cancels the children that are still running (with the message).
    bool cancel(std::string_view msg = {}) {
        if (done()) return false;
        bool any = false;
        for_each_child([&](TaskCore* c) { any = c->cancel(msg) || any; });
        if (any) cancel_requested_ = true;
        return any;
    }

protected:
    virtual void for_each_child_impl(void (*f)(void*, TaskCore*), void* ctx) = 0;
    template <class F>
    void for_each_child(F f) {
        for_each_child_impl([](void* c, TaskCore* t) { (*static_cast<F*>(c))(t); }, &f);
    }

    void child_done(TaskCore* child) {
        ++finished_;
        // asyncio's _done_callback reads fut.exception() whatever happens next, even after the
        // gather is done (it stays on the child): so a child's error counts as retrieved from the
        // start. (Here the callbacks go with the gather, so attach() marks each child.)
        child->mark_retrieved();
        if (done()) return;
        if (!return_exceptions_) {
            if (child->cancelled()) {
                set_error(child->make_cancelled_error());  // the child's own CancelledError
                return;
            }
            if (child->exception_ptr()) {
                set_error(child->exception_ptr());
                return;
            }
        }
        if (finished_ == n_) {
            if (cancel_requested_) {
                // asyncio asks the loop variable left over from building the results:
                // the last child.
                TaskCore* last = nullptr;
                for_each_child([&](TaskCore* c) { last = c; });
                set_error(last->make_cancelled_error());
            } else {
                set_done();
            }
        }
    }

    std::size_t n_;
    std::size_t finished_ = 0;
    bool return_exceptions_;
    bool cancel_requested_ = false;
};

// A done callback that knows which gather it belongs to.
struct GatherCallback : Callback {
    GatherCallback() : Callback(&GatherCallback::run, this) {}
    static void run(void* self);
    struct Owner {
        virtual void on_child(TaskCore* child) = 0;
    };
    Owner* owner = nullptr;
    TaskCore* child = nullptr;  // the child whose completion we report
};
inline void GatherCallback::run(void* self) {
    auto* cb = static_cast<GatherCallback*>(self);
    cb->owner->on_child(cb->child);
}

template <class T>
result_t<T> value_of(const Task<T>& t) {
    if constexpr (std::is_void_v<T>) {
        t.result();
        return std::monostate{};
    } else {
        return t.result();
    }
}

template <class T>
Result<result_t<T>> outcome_of(const Task<T>& t) {
    // CancelledError(fut._cancel_message): a task's message survives here only if the
    // cancellation never reached its coroutine (CPython 3.11).
    if (t.cancelled())
        return Result<result_t<T>>::of_error(std::make_exception_ptr(CancelledError(t.promise().cancel_message())));
    if (auto e = t.promise().exception_ptr()) return Result<result_t<T>>::of_error(e);
    return Result<result_t<T>>::of_value(value_of(t));
}

}  // namespace detail

template <bool ReturnExc, class... Ts>
class [[nodiscard]] Gather final : public detail::GatherCore, detail::GatherCallback::Owner {
public:
    explicit Gather(Task<Ts>... children)
        : GatherCore(ReturnExc, sizeof...(Ts)), children_{create_task(std::move(children))...} {
        id_ = EventLoop::get().next_object_id();
        std::size_t i = 0;
        std::apply([&](auto&... c) { ((attach(c, i++)), ...); }, children_);
        if constexpr (sizeof...(Ts) == 0) set_done();
    }
    Gather(const Gather&) = delete;

    bool await_ready() const noexcept { return done(); }
    void await_suspend(std::coroutine_handle<> h) {
        task_ = &detail::running_task();
        task_->suspend_on(this, h, WaitKind::Gather, id_);
    }
    auto await_resume() {
        if (task_) task_->throw_if_cancelled_now(*this);
        if (cancelled()) throw_cancelled();
        if (exception_ptr()) std::rethrow_exception(exception_ptr());
        if constexpr (ReturnExc) {
            return std::apply([](auto&... c) { return std::make_tuple(detail::outcome_of(c)...); }, children_);
        } else {
            return std::apply([](auto&... c) { return std::make_tuple(detail::value_of(c)...); }, children_);
        }
    }

private:
    template <class T>
    void attach(Task<T>& child, std::size_t i) {
        callbacks_[i].owner = this;
        callbacks_[i].child = child.core();
        child.core()->mark_retrieved();  // see child_done
        child.core()->add_done_callback(&callbacks_[i]);
    }
    void on_child(detail::TaskCore* child) override { child_done(child); }
    void for_each_child_impl(void (*f)(void*, detail::TaskCore*), void* ctx) override {
        std::apply([&](auto&... c) { (f(ctx, c.core()), ...); }, children_);
    }

    std::tuple<Task<Ts>...> children_;
    std::array<detail::GatherCallback, sizeof...(Ts)> callbacks_;
    detail::TaskCore* task_ = nullptr;
    std::uint32_t id_ = 0;
};

template <bool ReturnExc, class T>
class [[nodiscard]] GatherVector final : public detail::GatherCore, detail::GatherCallback::Owner {
public:
    explicit GatherVector(std::vector<Task<T>> children) : GatherCore(ReturnExc, children.size()) {
        id_ = EventLoop::get().next_object_id();
        children_.reserve(children.size());
        for (auto& c : children) children_.push_back(create_task(std::move(c)));
        callbacks_ = std::make_unique<detail::GatherCallback[]>(children_.size());
        for (std::size_t i = 0; i < children_.size(); ++i) {
            callbacks_[i].owner = this;
            callbacks_[i].child = children_[i].core();
            children_[i].core()->mark_retrieved();  // see child_done
            children_[i].core()->add_done_callback(&callbacks_[i]);
        }
        if (children_.empty()) set_done();
    }
    GatherVector(const GatherVector&) = delete;

    bool await_ready() const noexcept { return done(); }
    void await_suspend(std::coroutine_handle<> h) {
        task_ = &detail::running_task();
        task_->suspend_on(this, h, WaitKind::Gather, id_);
    }
    auto await_resume() {
        if (task_) task_->throw_if_cancelled_now(*this);
        if (cancelled()) throw_cancelled();
        if (exception_ptr()) std::rethrow_exception(exception_ptr());
        if constexpr (ReturnExc) {
            std::vector<Result<result_t<T>>> out;
            out.reserve(children_.size());
            for (auto& c : children_) out.push_back(detail::outcome_of(c));
            return out;
        } else {
            std::vector<result_t<T>> out;
            out.reserve(children_.size());
            for (auto& c : children_) out.push_back(detail::value_of(c));
            return out;
        }
    }

private:
    void on_child(detail::TaskCore* child) override { child_done(child); }
    void for_each_child_impl(void (*f)(void*, detail::TaskCore*), void* ctx) override {
        for (auto& c : children_) f(ctx, c.core());
    }

    std::vector<Task<T>> children_;
    std::unique_ptr<detail::GatherCallback[]> callbacks_;
    detail::TaskCore* task_ = nullptr;
    std::uint32_t id_ = 0;
};

template <class... Ts>
Gather<false, Ts...> gather(Task<Ts>... children) {
    return Gather<false, Ts...>(std::move(children)...);
}
template <class... Ts>
Gather<true, Ts...> gather(ReturnExceptions, Task<Ts>... children) {
    return Gather<true, Ts...>(std::move(children)...);
}
template <class T>
GatherVector<false, T> gather(std::vector<Task<T>> children) {
    return GatherVector<false, T>(std::move(children));
}
template <class T>
GatherVector<true, T> gather(ReturnExceptions, std::vector<Task<T>> children) {
    return GatherVector<true, T>(std::move(children));
}

}  // namespace aio
