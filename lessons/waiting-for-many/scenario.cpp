// Waiting for many: as_completed hands results over as they finish, wait() returns (done, pending),
// the first of several mirrors wins and the others are cancelled, and the closest C++ gets to
// except* takes a TaskGroup's errors apart by type. The C++ twin of lesson.py.
#include <aio/aio.hpp>
#include <lessons/facts.hpp>
#include <lessons/format.hpp>
#include <lessons/lesson.hpp>
#include <lessons/rng.hpp>

#include <exception>
#include <string>
#include <vector>

namespace lessons::waiting_for_many {

// The names of the tasks, joined. aio::wait hands done and pending back as vectors in the
// order of its input, so C++ needs no filtering through the original list.
template <class T>
std::string names(const std::vector<aio::Task<T>>& tasks) {
    std::string out;
    for (const auto& task : tasks) out += (out.empty() ? "" : ", ") + task.name();
    return out.empty() ? "none" : out;
}

std::string comma_list(const std::vector<std::string>& words) {
    std::string out;
    for (const std::string& word : words) out += (out.empty() ? "" : ", ") + word;
    return out;
}

// str(error): the message an exception carries.
std::string message_of(const std::exception_ptr& error) {
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& e) {
        return e.what();
    } catch (...) {
        return "";
    }
}

aio::Task<std::string> download(std::string file, double latency) {
    co_await aio::sleep(latency);  // stands in for the network  // @download
    co_return file;
}

aio::Task<void> upload(std::string node, double latency, bool fails) {
    co_await aio::sleep(latency);  // @upload
    if (fails) {
        aio::log(node + " fails: disk full");
        throw aio::RuntimeError("disk full");  // @upload-fails
    }
    aio::log(node + " stored");
}

aio::Task<std::string> ask(std::string mirror, double latency) {
    try {
        co_await aio::sleep(latency);  // the same question to every mirror  // @ask
    } catch (const aio::CancelledError&) {
        aio::log(mirror + " cancelled, closes its connection");  // @ask-cancelled
        lessons::note("mirror-cancelled", mirror);
        throw;
    }
    aio::log(mirror + " answers");
    lessons::note("answered", mirror);
    co_return mirror;
}

aio::Task<void> fetch_index() {
    co_await aio::timeout(0.3, [](aio::Timeout&) -> aio::Task<void> {  // the index has a deadline  // @deadline
        co_await aio::sleep(1.0);  // @index
    });
}

aio::Task<void> check_signature() {
    co_await aio::sleep(0.3);  // @signature
    throw aio::ValueError("bad signature");  // @signature-fails
}

aio::Task<void> scenario(const lessons::Params& p, bool pitfall) {
    const int downloads_n = p.integer("downloads");
    const double spread = p["spread"];
    const double timeout = p["timeout"];
    const int mirrors = p.integer("mirrors");

    {
        // Part 1: as_completed hands the downloads over in the order they finish.
        lessons::Rng rng(2);
        std::vector<aio::Task<std::string>> downloads;
        for (int i = 0; i < downloads_n; ++i) {
            const std::string letter(1, "abcdef"[i]);
            const double latency = spread * static_cast<double>(rng.randint(1, 8)) / 8;
            downloads.push_back(aio::create_task(download(letter + ".zip", latency), "download-" + letter));  // @create-downloads
            lessons::note("download-latency", letter + ".zip", latency);
        }
        aio::log(lessons::format("%d downloads start", downloads_n));
        std::vector<std::string> order;
        for (auto next_done : aio::as_completed(downloads)) {  // @as_completed
            std::string file = co_await next_done;  // the next one to finish, whichever it is  // @await-next
            order.push_back(file);
            aio::log(lessons::format("as_completed hands over %s (%zu of %d)", file.c_str(), order.size(),
                                     downloads_n));
            lessons::note("handed-over", file, static_cast<double>(order.size()));
        }
        std::vector<std::string> results = co_await aio::gather(downloads);  // argument order, however they finished  // @gather
        aio::log("finishing order: " + comma_list(order) + "; gather's order: " + comma_list(results));
    }

    {
        // Part 2: wait() returns (done, pending) at the first error or at the timeout; it raises nothing.
        lessons::Rng rng(10);
        std::vector<aio::Task<void>> uploads;
        for (int n = 1; n <= 4; ++n) {
            const double latency = spread * static_cast<double>(rng.randint(1, 8)) / 8;
            const std::string node = "backup-" + std::to_string(n);
            uploads.push_back(aio::create_task(upload(node, latency, n == 3), node));  // @create-uploads
            lessons::note("upload-latency", node, latency);
        }
        aio::log(lessons::format("4 uploads start, wait() waits %.3f s at most", timeout));
        lessons::note("uploads-start", "main");
        auto [done, pending] = co_await aio::wait(uploads, aio::FIRST_EXCEPTION, timeout);  // @wait
        aio::log("wait returns: done " + names(done) + "; pending " + names(pending));
        for (const auto& task : done) lessons::note("done", task.name(), task.exception() ? 1 : 0);
        for (const auto& task : pending) lessons::note("pending", task.name());
        lessons::note("wait-returned", "main", static_cast<double>(pending.size()));
        if (!pending.empty()) {
            // Nobody cancelled them: they keep running, and main waits for them now.
            co_await aio::wait(pending);  // @wait-rest
        }
        int failed = 0;
        for (const auto& task : uploads) failed += task.exception() ? 1 : 0;
        aio::log(lessons::format("all uploads over: %d stored, %d failed", 4 - failed, failed));
    }

    {
        // Part 3: ask several mirrors the same question, take the first answer, cancel the others.
        lessons::Rng rng(349);
        const double start = aio::time();
        std::vector<aio::Task<std::string>> asks;
        for (int i = 0; i < mirrors; ++i) {
            const std::string mirror = std::string("mirror-") + "abcd"[i];
            const double latency = spread * static_cast<double>(rng.randint(1, 8)) / 8;
            asks.push_back(aio::create_task(ask(mirror, latency), mirror));  // @create-asks
            lessons::note("mirror-latency", mirror, latency);
        }
        aio::log(lessons::format("asking %d mirrors the same question", mirrors));
        auto [done, pending] = co_await aio::wait(asks, aio::FIRST_COMPLETED);  // @first-completed
        const aio::Task<std::string> winner = done.front();  // several may finish in the same instant
        aio::log(lessons::format("%s wins after %.3f s; %zu still running", winner.result().c_str(),
                                 aio::time() - start, pending.size()));
        lessons::note("winner", winner.name(), aio::time() - start);
        lessons::note("still-running", "main", static_cast<double>(pending.size()));
        if (!pitfall) {
            for (auto& task : pending) {
                task.cancel();  // @cancel-losers
                lessons::note("cancel", task.name());
            }
            if (!pending.empty()) {
                co_await aio::wait(pending);  // until their cancellation is over  // @await-losers
            }
            aio::log(lessons::format("losers cancelled: %zu", pending.size()));
        } else {
            aio::log("main goes on and leaves the others running");  // the pitfall  // @forget-losers
        }
    }

    // Part 4: two tasks of a TaskGroup fail in the same instant; except* takes each kind.
    aio::log("a TaskGroup fetches the index and checks the signature");
    try {
        co_await aio::task_group([&](aio::TaskGroup& tg) -> aio::Task<void> {  // @taskgroup
            tg.create_task(fetch_index(), "index");  // @tg-index
            tg.create_task(check_signature(), "signature");  // @tg-signature
            co_return;
        });
    } catch (const aio::ExceptionGroup& group) {
        // C++ has no except*. Its closest spelling: split() the group clause by clause, and
        // throw on what no clause took.
        auto [value_errors, rest] = group.split<aio::ValueError>();  // @except-value
        if (value_errors) {
            aio::log("except* ValueError: " + message_of(value_errors->exceptions().front()));
            lessons::note("except", "ValueError");
        }
        auto [timeouts, others] = rest ? rest->split<aio::TimeoutError>() : aio::ExceptionGroup::Split{};  // @except-timeout
        if (timeouts) {
            aio::log("except* TimeoutError: the index missed its deadline");
            lessons::note("except", "TimeoutError");
        }
        if (others) throw *others;
    }
    aio::log("main returns");
    lessons::note("main-returns", "main");
}

}  // namespace lessons::waiting_for_many
