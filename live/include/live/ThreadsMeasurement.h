// ThreadsMeasurement: the measurement behind the live part of lesson 10, "Threads versus
// coroutines". It makes n real OS threads, each blocked on one shared condition variable, and
// n aio tasks, each suspended on one aio::Event, and measures what they cost on this machine:
// the time to create them, the memory they hold while they wait, the time to wake them all and
// the context switches of the process meanwhile.
//
// Runs on any thread (a worker thread keeps the window responsive): no QObject, no GUI, no
// event loop needed. Thread creation never goes past the system's limits, and whatever refuses
// a thread stops the creation cleanly: the threads made so far are woken and joined and the
// figures say how many there were and why no more (never a crash, never a hang).
//
// Linux only (it reads /proc and /sys); elsewhere the memory figures are 0.
#pragma once

#include <QList>
#include <QString>
#include <QtGlobal>

#include <atomic>
#include <functional>

namespace live {

enum class UnitKind { Thread, Task };

// Why fewer units were created than requested.
enum class StopReason {
    None,         // all were created
    Cancelled,    // the caller's cancel flag
    Cap,          // ThreadsMeasurementOptions::maxThreads (a cap set by the caller)
    ThreadsMax,   // /proc/sys/kernel/threads-max: threads of the whole system
    PidMax,       // /proc/sys/kernel/pid_max: every thread takes an id, system-wide
    ProcessLimit, // RLIMIT_NPROC (`ulimit -u`): processes and threads of the user
    CgroupPids,   // the control group's pids.max (containers, systemd slices)
    MapCount,     // /proc/sys/vm/max_map_count: memory mappings of the process (two per thread)
    AddressSpace, // RLIMIT_AS (`ulimit -v`): each thread reserves its whole stack
    OutOfMemory,  // ENOMEM or std::bad_alloc without an address-space limit
    OtherError,   // the system refused with some other error (CreationStop::errorCode)
};

// How creation stopped, as numbers, so that the app can word it in any language
// (limitMessage() words it in English, through QCoreApplication::translate).
struct CreationStop {
    StopReason reason = StopReason::None;
    // true: the system refused unit number `failedAt` (pthread_create failed, or Python raised
    // "can't start new thread"). false: the measurement stopped by itself before that, to stay
    // a margin below the limit (or was cancelled, or capped).
    bool refused = false;
    qint64 failedAt = 0;   // 1-based number of the refused unit; 0 when not refused
    qint64 limitValue = 0; // the limit: threads (or mappings) for the count limits, bytes for
                           // AddressSpace, the cap for Cap; 0 when unknown or not applicable
    qint64 inUse = 0;      // what already counted against that limit before the measurement
                           // began (threads of the system/process, pids of the cgroup,
                           // mappings of the process); 0 when unknown
    int errorCode = 0;     // errno of the refusal (EAGAIN, ENOMEM…), 0 when none
};

// Where UnitFigures::reservedBytes comes from.
enum class ReservedBasis {
    StackSize, // threads: the default thread stack size × created (address space each thread
               // reserves; only the pages it touches become resident)
    HeapBytes, // tasks: bytes the C++ heap handed out while they were created (glibc
               // mallinfo2: coroutine frames, the loop's ready ring); other threads'
               // allocations at the same time count too
    Rss,       // not measured separately: the same as rssBytes (the Python column's tasks)
};

// What n threads or n tasks cost, measured once. Every time is wall-clock (steady clock).
struct UnitFigures {
    UnitKind kind = UnitKind::Thread;
    int requested = 0;        // n asked for
    int created = 0;          // how many existed at once (< requested: see stop)
    double createSeconds = 0; // from just before the first was created until all `created`
                              // were blocked waiting (threads: on the condition variable;
                              // tasks: on event.wait(), the loop run until they all got there)
    double wakeSeconds = 0;   // from the wake-up (notify_all / event.set()) until all had
                              // ended (threads: joined; tasks: done)
    qint64 rssBytes = 0;      // growth of the resident set (/proc/self/statm: resident pages ×
                              // page size) from before creation to while all wait; never < 0
    qint64 reservedBytes = 0; // see reservedBasis
    ReservedBasis reservedBasis = ReservedBasis::Rss;
    qint64 contextSwitches = 0; // getrusage(RUSAGE_SELF) ru_nvcsw + ru_nivcsw, difference over
                                // create + wait + wake, all threads of the process together
    CreationStop stop;          // why created < requested (reason None when it is not)
    QString limitMessage;       // limitMessage(*this), in English; empty when reason is None

    // Per unit (0 when nothing was created).
    double createMicrosPerUnit() const { return created ? createSeconds * 1e6 / created : 0; }
    double wakeMicrosPerUnit() const { return created ? wakeSeconds * 1e6 / created : 0; }
    double rssBytesPerUnit() const { return created ? double(rssBytes) / created : 0; }
    double reservedBytesPerUnit() const { return created ? double(reservedBytes) / created : 0; }
};

struct ThreadsMeasurementOptions {
    // Checked before each step and during creation; once set, creation stops (reason
    // Cancelled) and what exists is woken and ended as usual. May be null.
    const std::atomic<bool> *cancel = nullptr;
    // At most this many threads (reason Cap); negative: no cap of the caller's own.
    int maxThreads = -1;
    // Stop threadSafetyMargin() threads below the nearest count limit (threadHeadroom()).
    // false: only a refusal stops creation (tests of the refusal path).
    bool stayBelowLimits = true;
};

// Threads left free below the nearest count limit, for the app, the Python column's process
// and the user's other programs: 5 % of the limit, at least kThreadSafetyMargin.
inline constexpr qint64 kThreadSafetyMargin = 100;
qint64 threadSafetyMargin(qint64 limitValue);

// How many more threads this process may create, and which count limit says so
// (ThreadsMax, PidMax, ProcessLimit, CgroupPids or MapCount; None if none is known).
// `available` = (limit − in use) / per thread − threadSafetyMargin(limit), never < 0.
// RLIMIT_NPROC counts all the user's processes and threads, of which only this process's are
// known cheaply: it is taken as the in-use count. It does not bind root, so it is left out then.
struct ThreadHeadroom {
    StopReason reason = StopReason::None;
    qint64 limitValue = 0;
    qint64 inUse = 0;
    qint64 available = 0; // meaningful when reason != None
};
ThreadHeadroom threadHeadroom();

// n threads (std::thread), each waiting on one shared condition variable. n ≥ 0.
UnitFigures measureThreads(int n, const ThreadsMeasurementOptions &options = {});

// n aio tasks, each awaiting one aio::Event, on a fresh aio loop on the calling thread (the
// caller makes sure that no other aio loop runs on this thread; if one does, nothing is
// created and the stop is OtherError). Up to 1,000,000 tasks take about 300 MB.
UnitFigures measureTasks(int n, const ThreadsMeasurementOptions &options = {});

// The sizes of a series for a chart: 1, 10, 100, … below n, then n (n < 1: empty).
QList<int> seriesSizes(int n);

struct SeriesPoint {
    int n = 0;
    UnitFigures threads;
    UnitFigures tasks;
};
// Measures threads and tasks for every size of seriesSizes(n), smallest first; `progress`
// (may be empty) gets each point as it is done, on the calling thread. Stops early when
// cancelled (the cancelled point is the last one).
QList<SeriesPoint> measureSeries(int n, const ThreadsMeasurementOptions &options = {},
    const std::function<void(const SeriesPoint &)> &progress = {});

// "The system refused thread 32,001: ulimit -u is 32,000 …": why `figures` holds fewer units
// than requested, in the default QLocale's digits, translated through
// QCoreApplication::translate("live::ThreadsMeasurement", …); empty when nothing stopped it.
QString limitMessage(const UnitFigures &figures);

// The JSON names of StopReason (the Python twin's "stop" key): "none", "cancelled", "cap",
// "threads-max", "pid-max", "ulimit-u", "pids-max", "max-map-count", "ulimit-v", "memory", "error".
QString stopReasonKey(StopReason reason);
StopReason stopReasonFromKey(const QString &key, bool *ok = nullptr);

// Probes of the process, also for tests: threads of this process (/proc/self/status
// "Threads:"), its resident bytes (/proc/self/statm), its context switches (getrusage);
// -1 / 0 where unknown.
int processThreadCount();
qint64 residentBytes();
qint64 processContextSwitches();
// What a thread created with default attributes reserves for its stack.
qint64 defaultThreadStackBytes();

} // namespace live
