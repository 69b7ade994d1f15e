// Interrupter: stops a connection's running statement from another thread. The worker marks
// each job as it begins and ends; the loop's thread asks to interrupt one job by its id.
//
// - The job runs: SQLite gets sqlite3_interrupt, PostgreSQL gets PQcancel (both documented
//   as safe to call from another thread), and an abort flag is raised.
// - The job has not begun yet: it is remembered, and begin() refuses it, so a statement
//   whose task gave up never reaches the database.
// - The job has ended: nothing happens (the next job is never hit).
// sqlite3_interrupt is a no-op while no statement is stepping, which leaves a gap between
// begin() and SQLite's first step; the SQLite progress handler closes it by reading the
// abort flag. PostgreSQL has no such handler: the flag is read once more just before the
// statement is sent, and a cancel that lands in the last instant before it is lost.
#pragma once

#include <QtGlobal>

#include <atomic>
#include <mutex>
#include <vector>

struct sqlite3;
struct pg_conn;
struct pg_cancel;

namespace db::detail {

class Interrupter {
public:
    Interrupter() = default;
    Interrupter(const Interrupter &) = delete;
    Interrupter &operator=(const Interrupter &) = delete;
    ~Interrupter();

    // On the worker, once the connection is open / before it closes.
    void attachSqlite(sqlite3 *handle);
    void attachPostgres(pg_conn *handle);
    void detach();

    // On the worker: `job` begins. False when it was interrupted before it began.
    bool begin(quint64 job);
    void end();
    // On the worker, while a job runs: was it asked to stop?
    bool abortRequested() const { return m_abort.load(std::memory_order_relaxed); }

    // From any thread.
    void interrupt(quint64 job);

private:
    static int onProgress(void *self);

    std::mutex m_mutex;
    quint64 m_running = 0;   // the job that runs now (0: none)
    quint64 m_lastBegun = 0; // jobs begin in increasing order
    std::vector<quint64> m_early; // interrupted before they began
    std::atomic<bool> m_abort{false};
    sqlite3 *m_sqlite = nullptr;
    pg_cancel *m_cancel = nullptr;
};

} // namespace db::detail
