#include "fake_lessons.hpp"

#include <lessons/quiz_support.hpp>

#include <lessons/format.hpp>

#include <stdexcept>
#include <string>
#include <vector>

namespace fake {

namespace detail {

struct BadStatus : std::runtime_error {
    using std::runtime_error::runtime_error;
};

aio::Task<void> worker(std::string name, double delay) {
    aio::log(name + " starts");
    co_await aio::sleep(delay);
    aio::log(name + " done");
    lessons::note("done", name);
}

aio::Task<void> workers_scenario(const lessons::Params& p, bool pitfall) {
    const int count = p.integer("workers");
    std::vector<aio::Task<void>> tasks;
    for (int i = 1; i <= count; ++i) {
        const std::string name = lessons::format("worker-%d", i);
        tasks.push_back(aio::create_task(worker(name, p["delay"] * i), name));
    }
    if (pitfall) {
        aio::Queue<int> jobs(0, "jobs");
        jobs.put_nowait(1);
        co_await jobs.join();  // nobody calls task_done()
    }
    co_await aio::gather(std::move(tasks));
    aio::log(lessons::format("all done after %.3f s", aio::time()));
}

std::vector<lessons::QuizQuestion> workers_quiz(const lessons::Run& run, const lessons::Params&, bool) {
    const int done = run.facts.count("done");
    lessons::QuizQuestion q;
    q.question = {"Wie viele Worker wurden fertig?", "How many workers finished?"};
    q.choices = lessons::number_choices({0, 1, 2, 3, 4});
    q.answer = lessons::count(done);
    q.explanation = {"Gezählt aus den Fakten des Laufs.", "Counted from the facts of the run."};
    return {q};
}

aio::Task<void> background() {
    try {
        co_await aio::sleep(10);
    } catch (const aio::CancelledError&) {
        aio::log("background cancelled");
        throw;
    }
}

aio::Task<void> raises_scenario(const lessons::Params&, bool) {
    aio::create_task(background(), "background");
    co_await aio::sleep(0.5);
    aio::log("main raises");
    throw aio::ValueError("bad value");
}

aio::Task<void> own_type_scenario(const lessons::Params&, bool) {
    co_await aio::sleep(0.25);
    throw BadStatus("503");
}

aio::Task<void> fail_with(double delay, bool timeout) {
    co_await aio::sleep(delay);
    if (timeout) throw aio::TimeoutError();
    throw aio::ValueError("bad");
}

aio::Task<void> group_scenario(const lessons::Params&, bool) {
    co_await aio::task_group([](aio::TaskGroup& tg) -> aio::Task<> {
        tg.create_task(fail_with(0.1, false), "first");
        tg.create_task(fail_with(0.1, true), "second");
        co_return;
    });
}

lessons::Lesson base(std::string id, std::function<aio::Task<void>(const lessons::Params&, bool)> scenario) {
    lessons::Lesson lesson;
    lesson.id = std::move(id);
    lesson.title = {"Test", "Test"};
    lesson.scenario = std::move(scenario);
    return lesson;
}

}  // namespace detail

const lessons::Lesson& workers() {
    static const lessons::Lesson lesson = [] {
        lessons::Lesson l = detail::base("fake-workers", &detail::workers_scenario);
        lessons::Parameter count;
        count.id = "workers";
        count.label = {"Worker", "Workers"};
        count.min = 1;
        count.max = 4;
        count.step = 1;
        count.default_value = 2;
        lessons::Parameter delay;
        delay.id = "delay";
        delay.label = {"Dauer", "Delay"};
        delay.min = 0.1;
        delay.max = 1;
        delay.step = 0.1;
        delay.default_value = 0.5;
        delay.unit = "s";
        l.parameters = {count, delay};
        l.has_pitfall = true;
        l.pitfall = {"join ohne task_done", "join without task_done"};
        l.quiz = &detail::workers_quiz;
        return l;
    }();
    return lesson;
}

const lessons::Lesson& raises() {
    static const lessons::Lesson lesson = detail::base("fake-raises", &detail::raises_scenario);
    return lesson;
}

const lessons::Lesson& raises_own_type() {
    static const lessons::Lesson lesson = detail::base("fake-own-type", &detail::own_type_scenario);
    return lesson;
}

const lessons::Lesson& group_fails() {
    static const lessons::Lesson lesson = detail::base("fake-group", &detail::group_scenario);
    return lesson;
}

const lessons::Lesson& placeholder() {
    static const lessons::Lesson lesson = [] {
        lessons::Lesson l;
        l.id = "fake-later";
        l.placeholder = true;
        return l;
    }();
    return lesson;
}

}  // namespace fake
