// TaskGroup and cancellation: a failing child cancels its sibling, the group raises an
// ExceptionGroup; cancel() with cleanup and re-raise. The C++ twin of lesson.py.
#include <aio/aio.hpp>
#include <lessons/format.hpp>
#include <lessons/lesson.hpp>

#include <exception>
#include <string>

namespace lessons::taskgroup_cancel {

aio::Task<void> download(double work, double cleanup) {
    std::exception_ptr cancel;
    try {
        co_await aio::sleep(work);
        aio::log("download done");
    } catch (const aio::CancelledError&) {
        cancel = std::current_exception();  // C++ cannot co_await in a catch block: cleanup follows
    }
    if (cancel) {
        aio::log("download cancelled, removes its partial file");
        co_await aio::sleep(cleanup);  // cleanup may await
        aio::log("download cleaned up");
        std::rethrow_exception(cancel);  // re-raise: the task ends as cancelled
    }
}

aio::Task<void> parse(double fail_at) {
    co_await aio::sleep(fail_at);
    aio::log("parse fails");
    throw aio::ValueError("bad data");
}

aio::Task<void> saver(aio::Queue<std::string>& jobs, double cleanup, bool pitfall) {
    while (true) {
        const std::string job = co_await jobs.get();
        std::exception_ptr cancel;
        try {
            aio::log("saver writes " + job);
            co_await aio::sleep(2.0);  // a big file
            aio::log("saver wrote " + job);
        } catch (const aio::CancelledError&) {
            cancel = std::current_exception();  // the cleanup awaits, so it follows the catch block
        }
        if (cancel) {
            aio::log("saver cancelled, closes its file");
            co_await aio::sleep(cleanup);
            if (!pitfall) std::rethrow_exception(cancel);  // hand the cancellation on
            // The pitfall swallows it: the loop goes on and waits for a job that never comes.
            aio::log("saver swallowed the cancel and waits for the next job");
        }
    }
}

aio::Task<void> scenario(const lessons::Params& p, bool pitfall) {
    const double cleanup = p["cleanup"];
    try {
        // `async with TaskGroup()`: ends only when all its children have ended
        co_await aio::task_group([&](aio::TaskGroup& tg) -> aio::Task<void> {
            tg.create_task(download(p["work"], cleanup), "download");
            tg.create_task(parse(p["fail_at"]), "parse");
            co_return;
        });
    } catch (const aio::ExceptionGroup& group) {  // a failing child cancels its siblings
        std::string types;
        for (const auto& error : group.exceptions()) {
            types += (types.empty() ? "" : ", ") + aio::type_name(error);
        }
        aio::log("caught ExceptionGroup: " + types);
    }

    aio::Queue<std::string> jobs(0, "jobs");
    jobs.put_nowait("report.txt");
    auto saver_task = aio::create_task(saver(jobs, cleanup, pitfall), "saver");
    co_await aio::sleep(p["cancel_at"]);
    saver_task.cancel();  // only a request: it arrives as CancelledError at the saver's co_await
    aio::log("main cancels saver and waits for it");
    try {
        co_await saver_task;
    } catch (const aio::CancelledError&) {
        aio::log(lessons::format("saver is cancelled: %s", saver_task.cancelled() ? "True" : "False"));
    }
}

}  // namespace lessons::taskgroup_cancel
