#include "trace/decisions.hpp"

#include "trace/recorder.hpp"
#include "trace/trace_state.hpp"

#include <algorithm>

namespace trace {

const Candidate* Decision::candidate(std::uint32_t task) const noexcept {
    for (const Candidate& c : candidates)
        if (c.task == task) return &c;
    return nullptr;
}

namespace {

// The tasks the loop could run next, as the state stands when it chooses.
std::vector<Candidate> candidates_of(const TraceState& state) {
    std::vector<Candidate> out;
    const auto& ready = state.ready();
    for (std::size_t i = 0; i < ready.size(); ++i) {
        const TaskInfo* t = state.task(ready[i]);
        if (!t) continue;
        Candidate c;
        c.task = t->id;
        c.name = t->name;
        c.ready = true;
        c.ready_rank = i;
        out.push_back(c);
    }
    for (const TimerInfo& timer : state.pending_timers()) {
        const TaskInfo* t = state.task(timer.owner);
        // Only a task asleep on this very timer (a timeout's timer wakes nobody by itself).
        if (!t || t->status != TaskStatus::Waiting || t->wait != aio::WaitKind::Sleep ||
            t->wait_deadline_ns != timer.deadline_ns)
            continue;
        if (std::any_of(out.begin(), out.end(), [&](const Candidate& c) { return c.task == t->id; })) continue;
        Candidate c;
        c.task = t->id;
        c.name = t->name;
        c.deadline_ns = timer.deadline_ns;
        c.armed_seq = timer.armed_seq;
        out.push_back(c);
    }
    // Shown in creation order (task ids grow with creation): the order is the question.
    std::sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) { return a.task < b.task; });
    return out;
}

}  // namespace

std::vector<Decision> scheduling_decisions(const Recorder& recorder) {
    std::vector<Decision> decisions;
    TraceState state;
    // The loop chooses when the previous step has ended (or at the start): the candidates
    // are taken there, before the timers of the next iteration fire.
    bool choosing = true;
    Decision pending;
    for (std::size_t i = 0; i < recorder.size(); ++i) {
        const aio::TraceEvent& e = recorder[i];
        if (choosing && e.kind == aio::TraceEventKind::StepBegin) {
            choosing = false;
            pending.step_event = i;
            pending.answer = e.task;
            if (pending.candidates.size() >= 2 && pending.candidate(e.task)) decisions.push_back(pending);
        }
        state.apply(e);
        if (e.kind == aio::TraceEventKind::StepEnd) {
            choosing = true;
            pending = Decision{};
            pending.position = state.position();
            pending.time_ns = state.time_ns();
            pending.iteration = state.iteration();
            pending.candidates = candidates_of(state);
        }
    }
    return decisions;
}

PickRule judge(const Decision& decision, std::uint32_t picked) {
    if (picked == decision.answer) return PickRule::Right;
    const Candidate* pick = decision.candidate(picked);
    const Candidate* answer = decision.candidate(decision.answer);
    if (!pick || !answer) return PickRule::NotACandidate;
    if (answer->ready && pick->ready) return PickRule::ReadyQueueOrder;
    if (answer->ready) return PickRule::ReadyBeforeTimers;
    if (!pick->ready && pick->deadline_ns == answer->deadline_ns) return PickRule::SameDeadline;
    if (!pick->ready) return PickRule::EarlierDeadline;
    // A ready task that did not run before a timer's: it was queued by a step of this
    // iteration after the timers were due (cannot happen with tasks alone).
    return PickRule::NotACandidate;
}

}  // namespace trace
