// sleep(seconds) for SQLite, which has no pg_sleep: a statement that stands for work at the
// database (the lessons' LATENCY) takes its time there, in the statement, where an interrupt
// (timeout, cancellation) can stop it. Returns NULL, so `sleep(?) IS NULL` reads naturally
// in a WHERE clause.
#pragma once

struct sqlite3;

namespace db::detail {

class Interrupter;

// On the connection's worker, once it is open. The function sleeps in short slices and
// stops early when the interrupter's job is asked to stop (sqlite3_interrupt alone is only
// looked at between steps of the statement, not inside a function it calls).
void registerSqliteSleep(sqlite3 *handle, Interrupter *interrupter);

} // namespace db::detail
