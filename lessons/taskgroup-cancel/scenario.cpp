// TaskGroup and cancellation: a failing child cancels its sibling, the group raises an
// ExceptionGroup that main takes apart as `except* ValueError` does; cancel() with cleanup
// and re-raise. The C++ twin of lesson.py.
#include <aio/aio.hpp>
#include <lessons/facts.hpp>
#include <lessons/format.hpp>
#include <lessons/lesson.hpp>

#include <exception>
#include <string>
#include <utility>
#include <vector>

namespace lessons::taskgroup_cancel {

aio::Task<void> download(double work, double cleanup) {
    std::exception_ptr cancel;
    try {
        co_await aio::sleep(work);  // @download
        aio::log("download done");
    } catch (const aio::CancelledError&) {
        cancel = std::current_exception();  // C++ cannot co_await in a catch block: cleanup follows
    }
    if (cancel) {
        aio::log("download cancelled, removes its partial file");
        lessons::note("download-cancelled", "download");
        co_await aio::sleep(cleanup);  // cleanup may await  // @download-cleanup
        aio::log("download cleaned up");
        std::rethrow_exception(cancel);  // re-raise: the task ends as cancelled  // @download-reraise
    }
}

aio::Task<void> parse(double fail_at) {
    co_await aio::sleep(fail_at);  // @parse
    aio::log("parse fails");
    throw aio::ValueError("bad data");  // @parse-fails
}

aio::Task<void> saver(aio::Queue<std::string>& jobs, double cleanup, bool pitfall) {
    while (true) {
        const std::string job = co_await jobs.get();  // @get
        std::exception_ptr cancel;
        try {
            aio::log("saver writes " + job);
            co_await aio::sleep(2.0);  // a big file  // @write
            aio::log("saver wrote " + job);
        } catch (const aio::CancelledError&) {
            cancel = std::current_exception();  // the cleanup awaits, so it follows the catch block
        }
        if (cancel) {
            aio::log("saver cancelled, closes its file");
            co_await aio::sleep(cleanup);  // @saver-cleanup
            if (!pitfall) std::rethrow_exception(cancel);  // hand the cancellation on  // @saver-reraise
            // The pitfall swallows it: the loop goes on and waits for a job that never comes.
            aio::log("saver swallowed the cancel and waits for the next job");
        }
    }
}

aio::Task<void> scenario(const lessons::Params& p, bool pitfall) {
    const double cleanup = p["cleanup"];
    try {
        // `async with TaskGroup()`: ends only when all its children have ended
        co_await aio::task_group([&](aio::TaskGroup& tg) -> aio::Task<void> {  // @taskgroup
            tg.create_task(download(p["work"], cleanup), "download");  // @tg-download
            tg.create_task(parse(p["fail_at"]), "parse");  // @tg-parse
            co_return;
        });
    } catch (const aio::ExceptionGroup& group) {  // a failing child cancels its siblings  // @except-group
        // C++'s spelling of `except* ValueError`: split() takes the group's ValueErrors out
        // (nested groups included); what no clause matches travels on as a group of its own.
        auto [value_errors, rest] = group.split<aio::ValueError>();
        if (value_errors) {
            for (const std::exception_ptr& error : value_errors->exceptions()) {
                try {
                    std::rethrow_exception(error);
                } catch (const aio::ValueError& value_error) {
                    aio::log(std::string("caught ValueError from the group: ") + value_error.what());
                    lessons::note("caught", "main");
                }
            }
        }
        if (rest) throw *rest;
    }

    aio::Queue<std::string> jobs(0, "jobs");
    jobs.put_nowait("report.txt");  // @put
    auto saver_task = aio::create_task(saver(jobs, cleanup, pitfall), "saver");  // @create-saver
    co_await aio::sleep(p["cancel_at"]);  // @sleep
    saver_task.cancel();  // only a request: it arrives as CancelledError at the saver's co_await  // @cancel
    aio::log("main cancels saver and waits for it");
    lessons::note("cancel-requested", "saver");
    try {
        co_await saver_task;  // @await-saver
    } catch (const aio::CancelledError&) {
        aio::log(lessons::format("saver is cancelled: %s", saver_task.cancelled() ? "True" : "False"));
        lessons::note("saver-over", "saver", saver_task.cancelled() ? 1 : 0);
    }
}

}  // namespace lessons::taskgroup_cancel
