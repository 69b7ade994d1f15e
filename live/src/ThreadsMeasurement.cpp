#include "live/ThreadsMeasurement.h"

#include <aio/detail/frame_allocator.hpp>
#include <aio/aio.hpp>

#include <QCoreApplication>
#include <QFile>
#include <QLocale>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <limits>
#include <mutex>
#include <new>
#include <system_error>
#include <thread>
#include <vector>

#include <malloc.h>
#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

namespace live {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

bool cancelled(const ThreadsMeasurementOptions &options)
{
    return options.cancel && options.cancel->load(std::memory_order_relaxed);
}

// A whole small file (the /proc and /sys files here are all small and "sequential": their
// size() is 0, so read until the end).
QByteArray readSmallFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

// The first number in a file, or -1 ("max" in pids.max counts as no limit: -1 too).
qint64 readNumber(const QString &path)
{
    const QByteArray text = readSmallFile(path).trimmed();
    bool ok = false;
    const qint64 value = text.split(' ').value(0).toLongLong(&ok);
    return ok ? value : -1;
}

// A "Name:   value" line of /proc/self/status, or -1.
qint64 statusField(const QByteArray &name)
{
    const QByteArray status = readSmallFile(QStringLiteral("/proc/self/status"));
    for (const QByteArray &line : status.split('\n')) {
        if (line.startsWith(name) && line.size() > name.size() && line.at(name.size()) == ':') {
            bool ok = false;
            const qint64 value = line.mid(name.size() + 1).trimmed().split(' ').value(0).toLongLong(&ok);
            return ok ? value : -1;
        }
    }
    return -1;
}

// Threads of the whole system: the total after the slash in /proc/loadavg ("0.1 0.2 0.3 1/80 …").
qint64 systemThreadCount()
{
    const QList<QByteArray> fields = readSmallFile(QStringLiteral("/proc/loadavg")).split(' ');
    const QList<QByteArray> runnable = fields.value(3).split('/');
    bool ok = false;
    const qint64 total = runnable.value(1).toLongLong(&ok);
    return ok ? total : -1;
}

// The folder of this process's pids controller: cgroup v2 ("0::/path") or v1 ("N:pids:/path").
QString pidsCgroupDirectory()
{
    const QByteArray cgroups = readSmallFile(QStringLiteral("/proc/self/cgroup"));
    QStringList candidates;
    for (const QByteArray &line : cgroups.split('\n')) {
        const QList<QByteArray> parts = line.split(':');
        if (parts.size() < 3)
            continue;
        const QString path = QString::fromUtf8(parts.mid(2).join(':'));
        if (parts.at(0) == "0" && parts.at(1).isEmpty())
            candidates << QStringLiteral("/sys/fs/cgroup") + path;
        else if (parts.at(1).split(',').contains("pids"))
            candidates << QStringLiteral("/sys/fs/cgroup/pids") + path;
    }
    candidates << QStringLiteral("/sys/fs/cgroup") << QStringLiteral("/sys/fs/cgroup/pids");
    for (QString dir : candidates) {
        while (dir.endsWith(QLatin1Char('/')))
            dir.chop(1);
        if (QFile::exists(dir + QStringLiteral("/pids.max")))
            return dir;
    }
    return {};
}

// Memory mappings of this process (lines of /proc/self/maps).
qint64 mappingCount()
{
    const QByteArray maps = readSmallFile(QStringLiteral("/proc/self/maps"));
    return maps.isEmpty() ? -1 : maps.count('\n');
}

qint64 softLimit(int resource)
{
    rlimit limit {};
    if (getrlimit(resource, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
        return -1;
    return limit.rlim_cur > rlim_t(std::numeric_limits<qint64>::max()) ? -1 : qint64(limit.rlim_cur);
}

// One count limit: how many units it has room for.
struct CountLimit {
    StopReason reason;
    qint64 value;   // the limit
    qint64 inUse;   // already counted against it
    qint64 perUnit; // how much of it one thread takes
};

QList<CountLimit> countLimits()
{
    QList<CountLimit> limits;
    const qint64 ownThreads = std::max<qint64>(processThreadCount(), 1);
    if (const qint64 max = readNumber(QStringLiteral("/proc/sys/kernel/threads-max")); max > 0)
        limits.append({StopReason::ThreadsMax, max, std::max(systemThreadCount(), ownThreads), 1});
    if (const qint64 max = readNumber(QStringLiteral("/proc/sys/kernel/pid_max")); max > 0)
        limits.append({StopReason::PidMax, max, std::max(systemThreadCount(), ownThreads), 1});
    if (const qint64 nproc = softLimit(RLIMIT_NPROC); nproc >= 0 && geteuid() != 0)
        limits.append({StopReason::ProcessLimit, nproc, ownThreads, 1});
    if (const QString dir = pidsCgroupDirectory(); !dir.isEmpty()) {
        if (const qint64 max = readNumber(dir + QStringLiteral("/pids.max")); max > 0)
            limits.append({StopReason::CgroupPids, max,
                std::max(readNumber(dir + QStringLiteral("/pids.current")), ownThreads), 1});
    }
    // A thread's stack and its guard page are two mappings (neighbours may merge, so this is
    // on the safe side).
    if (const qint64 max = readNumber(QStringLiteral("/proc/sys/vm/max_map_count")); max > 0)
        limits.append({StopReason::MapCount, max, std::max<qint64>(mappingCount(), 0), 2});
    return limits;
}

// After a refusal: which limit most likely said no. Evidence first (a count at its limit
// now), then a finite address-space limit, then ulimit -u (its count is not known), then the
// error itself.
CreationStop diagnoseRefusal(qint64 failedAt, int errorCode)
{
    CreationStop stop;
    stop.refused = true;
    stop.failedAt = failedAt;
    stop.errorCode = errorCode;
    const QList<CountLimit> limits = countLimits();
    for (const CountLimit &limit : limits) {
        if (limit.reason == StopReason::ProcessLimit)
            continue;
        // "At its limit" with some slack (1 %, at least 64): threads of other programs come
        // and go, and a pid may still be held by a process that just ended.
        const qint64 slack = std::max<qint64>(64, limit.value / 100);
        if (limit.inUse + limit.perUnit + slack >= limit.value) {
            stop.reason = limit.reason;
            stop.limitValue = limit.value;
            stop.inUse = limit.inUse;
            return stop;
        }
    }
    if (const qint64 as = softLimit(RLIMIT_AS); as >= 0) {
        stop.reason = StopReason::AddressSpace;
        stop.limitValue = as;
        stop.inUse = statusField("VmSize") * 1024;
        return stop;
    }
    for (const CountLimit &limit : limits) {
        if (limit.reason == StopReason::ProcessLimit && errorCode == EAGAIN) {
            stop.reason = limit.reason;
            stop.limitValue = limit.value;
            stop.inUse = limit.inUse;
            return stop;
        }
    }
    stop.reason = errorCode == ENOMEM ? StopReason::OutOfMemory : StopReason::OtherError;
    return stop;
}

// Bytes the heap has handed out (all arenas), plus the coroutine frames this thread's aio
// frame allocator holds (they do not come from malloc), or -1 where glibc's mallinfo2 is missing.
qint64 heapBytesInUse()
{
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
    const struct mallinfo2 info = mallinfo2();
    return qint64(info.uordblks) + qint64(info.hblkhd) + qint64(aio::detail::frame_stats().live_bytes);
#else
    return -1;
#endif
}

QString number(qint64 value)
{
    return QLocale().toString(value);
}

// ---- threads ------------------------------------------------------------------------------

// What the threads share: one mutex, one condition they all wait on, and a count of those
// that got there.
struct ThreadGate {
    std::mutex mutex;
    std::condition_variable allWaiting; // the measuring thread waits on it until all are waiting
    std::condition_variable go;         // the threads wait on it
    qint64 waiting = 0;
    qint64 expected = -1; // how many will wait, once creation is over
    bool released = false;
};

void waitAtGate(ThreadGate *gate)
{
    std::unique_lock lock(gate->mutex);
    // The lock is held until go.wait() releases it: once the measuring thread sees
    // waiting == expected, every thread is blocked in the wait (or about to be, lock-free).
    if (++gate->waiting == gate->expected)
        gate->allWaiting.notify_one();
    gate->go.wait(lock, [gate] { return gate->released; });
}

// Wakes and joins every thread, however the measurement leaves (also by an exception).
struct ThreadJoiner {
    ThreadGate &gate;
    std::vector<std::thread> &threads;
    void release()
    {
        {
            std::lock_guard lock(gate.mutex);
            gate.released = true;
        }
        gate.go.notify_all();
    }
    void joinAll()
    {
        for (std::thread &thread : threads) {
            if (thread.joinable())
                thread.join();
        }
    }
    ~ThreadJoiner()
    {
        release();
        joinAll();
    }
};

// ---- tasks ----------------------------------------------------------------------------------

struct TaskGate {
    aio::Event event {"go"};
    qint64 waiting = 0;
    qint64 ended = 0;
};

// One task: waits on the shared event, like `await event.wait()`.
aio::Task<void> waitForEvent(TaskGate *gate)
{
    ++gate->waiting;
    co_await gate->event.wait();
    ++gate->ended;
}

aio::Task<void> runTasks(UnitFigures *figures, TaskGate *gate, const ThreadsMeasurementOptions *options)
{
    const int n = figures->requested;
    // Frames of an earlier measurement would be reused without a fault: give them back first,
    // so that the resident set grows by what these coroutines take.
    aio::detail::trim_frames();
    const qint64 rssBefore = residentBytes();
    const qint64 heapBefore = heapBytesInUse();
    const qint64 switchesBefore = processContextSwitches();
    const Clock::time_point createStart = Clock::now();
    for (int i = 0; i < n; ++i) {
        if ((i & 1023) == 0 && cancelled(*options)) {
            figures->stop.reason = StopReason::Cancelled;
            break;
        }
        try {
            aio::create_task(waitForEvent(gate)); // the loop keeps the task until it is done
        } catch (const std::bad_alloc &) {
            figures->stop = {StopReason::OutOfMemory, true, i + 1, 0, 0, ENOMEM};
            break;
        }
        ++figures->created;
    }
    // Each task runs up to its co_await in the next loop iteration; to be sure, until all did.
    while (gate->waiting < figures->created)
        co_await aio::sleep(0);
    figures->createSeconds = secondsSince(createStart);
    figures->rssBytes = std::max<qint64>(residentBytes() - rssBefore, 0);
    const qint64 heapAfter = heapBytesInUse();
    if (heapBefore >= 0 && heapAfter >= 0) {
        figures->reservedBytes = std::max<qint64>(heapAfter - heapBefore, 0);
        figures->reservedBasis = ReservedBasis::HeapBytes;
    } else {
        figures->reservedBytes = figures->rssBytes;
        figures->reservedBasis = ReservedBasis::Rss;
    }

    const Clock::time_point wakeStart = Clock::now();
    gate->event.set();
    while (gate->ended < figures->created)
        co_await aio::sleep(0);
    figures->wakeSeconds = secondsSince(wakeStart);
    figures->contextSwitches = std::max<qint64>(processContextSwitches() - switchesBefore, 0);
}

} // namespace

// ---- probes ---------------------------------------------------------------------------------

int processThreadCount()
{
    return int(statusField("Threads"));
}

qint64 residentBytes()
{
    const QList<QByteArray> fields = readSmallFile(QStringLiteral("/proc/self/statm")).split(' ');
    bool ok = false;
    const qint64 pages = fields.value(1).toLongLong(&ok);
    return ok ? pages * sysconf(_SC_PAGESIZE) : 0;
}

qint64 processContextSwitches()
{
    rusage usage {};
    if (getrusage(RUSAGE_SELF, &usage) != 0)
        return 0;
    return qint64(usage.ru_nvcsw) + qint64(usage.ru_nivcsw);
}

qint64 defaultThreadStackBytes()
{
    pthread_attr_t attr;
    size_t size = 0;
    if (pthread_getattr_default_np(&attr) == 0) {
        pthread_attr_getstacksize(&attr, &size);
        pthread_attr_destroy(&attr);
    }
    if (size == 0) {
        // glibc's rule: RLIMIT_STACK, or 2 MiB (x86-64) when it is unlimited.
        const qint64 limit = softLimit(RLIMIT_STACK);
        return limit > 0 ? limit : 2 * 1024 * 1024;
    }
    return qint64(size);
}

qint64 threadSafetyMargin(qint64 limitValue)
{
    return std::max(kThreadSafetyMargin, limitValue / 20);
}

ThreadHeadroom threadHeadroom()
{
    ThreadHeadroom nearest;
    for (const CountLimit &limit : countLimits()) {
        const qint64 available = std::max<qint64>(
            (limit.value - limit.inUse) / limit.perUnit - threadSafetyMargin(limit.value), 0);
        if (nearest.reason == StopReason::None || available < nearest.available)
            nearest = {limit.reason, limit.value, limit.inUse, available};
    }
    return nearest;
}

// ---- measurements ---------------------------------------------------------------------------

UnitFigures measureThreads(int n, const ThreadsMeasurementOptions &options)
{
    UnitFigures figures;
    figures.kind = UnitKind::Thread;
    figures.requested = std::max(n, 0);
    figures.reservedBasis = ReservedBasis::StackSize;

    // How many we may make: the caller's cap, and the room below the nearest count limit.
    qint64 allowed = figures.requested;
    CreationStop plannedStop;
    if (options.maxThreads >= 0 && options.maxThreads < allowed) {
        allowed = options.maxThreads;
        plannedStop = {StopReason::Cap, false, 0, options.maxThreads, 0, 0};
    }
    if (options.stayBelowLimits) {
        const ThreadHeadroom headroom = threadHeadroom();
        if (headroom.reason != StopReason::None && headroom.available < allowed) {
            allowed = headroom.available;
            plannedStop = {headroom.reason, false, 0, headroom.limitValue, headroom.inUse, 0};
        }
    }

    ThreadGate gate;
    std::vector<std::thread> threads;
    if (cancelled(options)) {
        figures.stop.reason = StopReason::Cancelled;
        figures.limitMessage = limitMessage(figures);
        return figures;
    }
    try {
        threads.reserve(size_t(allowed));
    } catch (const std::bad_alloc &) {
        figures.stop = {StopReason::OutOfMemory, true, 1, 0, 0, ENOMEM};
        figures.limitMessage = limitMessage(figures);
        return figures;
    }

    {
        ThreadJoiner joiner {gate, threads}; // from here on, every thread made is joined
        const qint64 rssBefore = residentBytes();
        const qint64 switchesBefore = processContextSwitches();
        const Clock::time_point createStart = Clock::now();
        for (qint64 i = 0; i < allowed; ++i) {
            if (cancelled(options)) {
                figures.stop.reason = StopReason::Cancelled;
                break;
            }
            try {
                threads.emplace_back(waitAtGate, &gate);
            } catch (const std::system_error &error) {
                // EAGAIN: a count limit, or no memory for the stack (glibc reports a failed
                // stack mmap as EAGAIN too); ENOMEM: no memory.
                figures.stop = diagnoseRefusal(i + 1, error.code().value());
                break;
            } catch (const std::bad_alloc &) {
                figures.stop = diagnoseRefusal(i + 1, ENOMEM);
                break;
            }
        }
        figures.created = int(threads.size());
        if (figures.stop.reason == StopReason::None && figures.created < figures.requested)
            figures.stop = plannedStop;

        {
            std::unique_lock lock(gate.mutex);
            gate.expected = figures.created;
            gate.allWaiting.wait(lock, [&gate] { return gate.waiting == gate.expected; });
        }
        figures.createSeconds = secondsSince(createStart);
        figures.rssBytes = std::max<qint64>(residentBytes() - rssBefore, 0);
        figures.reservedBytes = defaultThreadStackBytes() * figures.created;

        const Clock::time_point wakeStart = Clock::now();
        joiner.release();
        joiner.joinAll();
        figures.wakeSeconds = secondsSince(wakeStart);
        figures.contextSwitches = std::max<qint64>(processContextSwitches() - switchesBefore, 0);
    }
    figures.limitMessage = limitMessage(figures);
    return figures;
}

UnitFigures measureTasks(int n, const ThreadsMeasurementOptions &options)
{
    UnitFigures figures;
    figures.kind = UnitKind::Task;
    figures.requested = std::max(n, 0);
    figures.reservedBasis = ReservedBasis::HeapBytes;
    if (cancelled(options)) {
        figures.stop.reason = StopReason::Cancelled;
    } else if (aio::EventLoop::current()) {
        figures.stop.reason = StopReason::OtherError; // another aio loop runs on this thread
    } else {
        TaskGate gate;
        try {
            aio::run(runTasks(&figures, &gate, &options));
        } catch (const std::bad_alloc &) {
            // Not even the loop or the main task could be made; whatever was made is freed.
            figures.stop = {StopReason::OutOfMemory, true, figures.created + 1, 0, 0, ENOMEM};
        }
    }
    figures.limitMessage = limitMessage(figures);
    return figures;
}

QList<int> seriesSizes(int n)
{
    QList<int> sizes;
    for (qint64 size = 1; size < n; size *= 10)
        sizes.append(int(size));
    if (n >= 1)
        sizes.append(n);
    return sizes;
}

QList<SeriesPoint> measureSeries(
    int n, const ThreadsMeasurementOptions &options, const std::function<void(const SeriesPoint &)> &progress)
{
    QList<SeriesPoint> points;
    for (int size : seriesSizes(n)) {
        SeriesPoint point;
        point.n = size;
        point.threads = measureThreads(size, options);
        point.tasks = measureTasks(size, options);
        points.append(point);
        if (progress)
            progress(point);
        if (cancelled(options))
            break;
    }
    return points;
}

// ---- words ----------------------------------------------------------------------------------

QString limitMessage(const UnitFigures &figures)
{
    const CreationStop &stop = figures.stop;
    const bool threads = figures.kind == UnitKind::Thread;
    const QString created = number(figures.created);
    const QString requested = number(figures.requested);
    const QString value = number(stop.limitValue);
    const QString inUse = number(stop.inUse);

    QString why;
    switch (stop.reason) {
    case StopReason::None: return {};
    case StopReason::Cancelled:
        return (threads
                ? QCoreApplication::translate("live::ThreadsMeasurement", "Cancelled after %1 of %2 threads.")
                : QCoreApplication::translate("live::ThreadsMeasurement", "Cancelled after %1 of %2 tasks."))
            .arg(created, requested);
    case StopReason::Cap:
        return QCoreApplication::translate("live::ThreadsMeasurement",
            "Stopped at %1 of %2 threads: the most this measurement may create is %3.")
            .arg(created, requested, value);
    case StopReason::ThreadsMax:
        why = QCoreApplication::translate("live::ThreadsMeasurement",
            "the kernel allows %1 threads on the whole system (/proc/sys/kernel/threads-max), "
            "and %2 were already running.")
                  .arg(value, inUse);
        break;
    case StopReason::ProcessLimit:
        why = QCoreApplication::translate("live::ThreadsMeasurement",
            "ulimit -u is %1 processes and threads per user, and this process already had %2 "
            "(raise it with `ulimit -u`).")
                  .arg(value, inUse);
        break;
    case StopReason::PidMax:
        why = QCoreApplication::translate("live::ThreadsMeasurement",
            "every thread takes a process id, the kernel has %1 of them (/proc/sys/kernel/pid_max), "
            "and %2 were already taken.")
                  .arg(value, inUse);
        break;
    case StopReason::CgroupPids:
        why = QCoreApplication::translate("live::ThreadsMeasurement",
            "this control group allows %1 processes and threads (pids.max), and %2 were "
            "already in use.")
                  .arg(value, inUse);
        break;
    case StopReason::MapCount:
        why = QCoreApplication::translate("live::ThreadsMeasurement",
            "a process may have %1 memory mappings (vm.max_map_count), this one had %2, and "
            "each thread's stack takes two.")
                  .arg(value, inUse);
        break;
    case StopReason::AddressSpace:
        why = QCoreApplication::translate("live::ThreadsMeasurement",
            "out of address space: ulimit -v allows %1 MiB, and each thread reserves %2 MiB "
            "for its stack (raise it with `ulimit -v`).")
                  .arg(number(stop.limitValue / (1024 * 1024)),
                      QLocale().toString(double(defaultThreadStackBytes()) / (1024 * 1024), 'g', 3));
        break;
    case StopReason::OutOfMemory:
        why = QCoreApplication::translate("live::ThreadsMeasurement", "out of memory.");
        break;
    case StopReason::OtherError:
        if (stop.errorCode == 0 && !threads)
            return QCoreApplication::translate("live::ThreadsMeasurement",
                "No tasks were created: another aio event loop is running on this thread.");
        if (stop.errorCode == 0) {
            why = QCoreApplication::translate("live::ThreadsMeasurement",
                "the limit is not known (threads-max, pid_max, pids.max, vm.max_map_count or memory).");
            break;
        }
        why = QCoreApplication::translate("live::ThreadsMeasurement", "error %1 (%2).")
                  .arg(
                      QString::number(stop.errorCode), QString::fromLocal8Bit(std::strerror(stop.errorCode)));
        break;
    }
    if (stop.refused) {
        return (threads
                ? QCoreApplication::translate("live::ThreadsMeasurement", "The system refused thread %1: %2")
                : QCoreApplication::translate("live::ThreadsMeasurement", "The system refused task %1: %2"))
            .arg(number(stop.failedAt), why);
    }
    return QCoreApplication::translate(
        "live::ThreadsMeasurement", "Stopped at %1 of %2 threads, to keep clear of a limit of the system: %3")
        .arg(created, requested, why);
}

QString stopReasonKey(StopReason reason)
{
    switch (reason) {
    case StopReason::None: return QStringLiteral("none");
    case StopReason::Cancelled: return QStringLiteral("cancelled");
    case StopReason::Cap: return QStringLiteral("cap");
    case StopReason::ThreadsMax: return QStringLiteral("threads-max");
    case StopReason::PidMax: return QStringLiteral("pid-max");
    case StopReason::ProcessLimit: return QStringLiteral("ulimit-u");
    case StopReason::CgroupPids: return QStringLiteral("pids-max");
    case StopReason::MapCount: return QStringLiteral("max-map-count");
    case StopReason::AddressSpace: return QStringLiteral("ulimit-v");
    case StopReason::OutOfMemory: return QStringLiteral("memory");
    case StopReason::OtherError: return QStringLiteral("error");
    }
    return QStringLiteral("error");
}

StopReason stopReasonFromKey(const QString &key, bool *ok)
{
    static const StopReason all[] = {
        StopReason::None,
        StopReason::Cancelled,
        StopReason::Cap,
        StopReason::ThreadsMax,
        StopReason::PidMax,
        StopReason::ProcessLimit,
        StopReason::CgroupPids,
        StopReason::MapCount,
        StopReason::AddressSpace,
        StopReason::OutOfMemory,
        StopReason::OtherError,
    };
    for (StopReason reason : all) {
        if (stopReasonKey(reason) == key) {
            if (ok)
                *ok = true;
            return reason;
        }
    }
    if (ok)
        *ok = false;
    return StopReason::OtherError;
}

} // namespace live
