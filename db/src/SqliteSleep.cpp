#include "SqliteSleep.h"

#include "Interrupter.h"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <thread>

namespace db::detail {

namespace {

constexpr double maxSeconds = 3600; // a typo like sleep(1e9) must not hold a worker for ever
constexpr auto slice = std::chrono::milliseconds(5);

void sleepFunction(sqlite3_context *context, int argc, sqlite3_value **argv)
{
    auto *interrupter = static_cast<Interrupter *>(sqlite3_user_data(context));
    const double seconds = argc == 1 ? std::clamp(sqlite3_value_double(argv[0]), 0.0, maxSeconds) : 0.0;
    using Clock = std::chrono::steady_clock;
    const Clock::time_point until = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    while (Clock::now() < until) {
        if (interrupter && interrupter->abortRequested()) {
            sqlite3_result_error_code(context, SQLITE_INTERRUPT);
            return;
        }
        const Clock::duration left = until - Clock::now();
        std::this_thread::sleep_for(std::min<Clock::duration>(slice, left));
    }
    sqlite3_result_null(context);
}

} // namespace

void registerSqliteSleep(sqlite3 *handle, Interrupter *interrupter)
{
    if (!handle)
        return;
    sqlite3_create_function_v2(handle, "sleep", 1, SQLITE_UTF8, interrupter, &sleepFunction, nullptr, nullptr, nullptr);
}

} // namespace db::detail
