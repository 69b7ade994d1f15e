#include "Interrupter.h"

#include <libpq-fe.h>
#include <sqlite3.h>

#include <algorithm>
#include <array>

namespace db::detail {

Interrupter::~Interrupter() { detach(); }

void Interrupter::attachSqlite(sqlite3 *handle)
{
    std::lock_guard lock(m_mutex);
    m_sqlite = handle;
    // Every 1000 virtual machine steps SQLite asks whether to stop: catches an interrupt
    // that came before the statement started stepping.
    sqlite3_progress_handler(handle, 1000, &Interrupter::onProgress, this);
}

void Interrupter::attachPostgres(pg_conn *handle)
{
    std::lock_guard lock(m_mutex);
    m_cancel = PQgetCancel(handle);
}

void Interrupter::detach()
{
    std::lock_guard lock(m_mutex);
    if (m_sqlite)
        sqlite3_progress_handler(m_sqlite, 0, nullptr, nullptr);
    m_sqlite = nullptr;
    if (m_cancel)
        PQfreeCancel(m_cancel);
    m_cancel = nullptr;
}

bool Interrupter::begin(quint64 job)
{
    std::lock_guard lock(m_mutex);
    m_lastBegun = std::max(m_lastBegun, job);
    const auto early = std::find(m_early.begin(), m_early.end(), job);
    if (early != m_early.end()) {
        m_early.erase(early);
        return false;
    }
    m_running = job;
    m_abort.store(false, std::memory_order_relaxed);
    return true;
}

void Interrupter::end()
{
    std::lock_guard lock(m_mutex);
    m_running = 0;
    m_abort.store(false, std::memory_order_relaxed);
}

void Interrupter::interrupt(quint64 job)
{
    std::lock_guard lock(m_mutex);
    if (job > m_lastBegun) {
        m_early.push_back(job);
        return;
    }
    if (job != m_running)
        return; // it has ended
    // Under the lock, so the worker cannot move on to its next job meanwhile.
    m_abort.store(true, std::memory_order_relaxed);
    if (m_sqlite)
        sqlite3_interrupt(m_sqlite);
    if (m_cancel) {
        std::array<char, 256> error{};
        PQcancel(m_cancel, error.data(), static_cast<int>(error.size()));
    }
}

int Interrupter::onProgress(void *self)
{
    return static_cast<Interrupter *>(self)->abortRequested() ? 1 : 0;
}

} // namespace db::detail
