// A helper of tst_threadsmeasurement: measures threads under a tight address-space limit, so
// that the system refuses a thread deterministically (RLIMIT_AS binds root too; every thread
// reserves its whole stack). `threads_limit_probe N HEADROOM_MIB` limits its own address space
// (setrlimit, as `prlimit --as` would) to what it uses now plus HEADROOM_MIB, asks for N
// threads with the app's default options and prints what came of it, one "key=value" a line.
// `threads_limit_probe --figures N` prints both kinds' figures for N, for a look by hand.
#include "live/ThreadsMeasurement.h"

#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

#include <sys/resource.h>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    QTextStream out(stdout);
    if (args.size() == 3 && args.at(1) == QLatin1String("--figures")) {
        // For a look by hand: both kinds for N, without a limit of its own.
        const live::ThreadHeadroom headroom = live::threadHeadroom();
        out << "headroom: " << headroom.available << " more threads, below "
            << live::stopReasonKey(headroom.reason) << " = " << headroom.limitValue << " (in use "
            << headroom.inUse << ")\n";
        for (const live::UnitFigures &f :
            {live::measureThreads(args.at(2).toInt()), live::measureTasks(args.at(2).toInt())}) {
            out << (f.kind == live::UnitKind::Thread ? "threads" : "tasks") << ": created=" << f.created
                << " create_us/unit=" << f.createMicrosPerUnit() << " wake_us/unit=" << f.wakeMicrosPerUnit()
                << " rss/unit=" << f.rssBytesPerUnit() << " reserved/unit=" << f.reservedBytesPerUnit()
                << " switches=" << f.contextSwitches << " stop=" << live::stopReasonKey(f.stop.reason)
                << (f.limitMessage.isEmpty() ? QString() : QStringLiteral(" (") + f.limitMessage + u')')
                << '\n';
        }
        return 0;
    }
    if (args.size() != 3) {
        out << "usage: threads_limit_probe N HEADROOM_MIB | --figures N\n";
        return 2;
    }
    const int n = args.at(1).toInt();
    const qint64 headroom = args.at(2).toLongLong() * 1024 * 1024;

    // What the process uses now (VmSize of /proc/self/status, in kB).
    QFile status(QStringLiteral("/proc/self/status"));
    qint64 vmSize = 0;
    if (status.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : status.readAll().split('\n')) {
            if (line.startsWith("VmSize:"))
                vmSize = line.mid(7).trimmed().split(' ').value(0).toLongLong() * 1024;
        }
    }
    const rlimit limit {rlim_t(vmSize + headroom), rlim_t(vmSize + headroom)};
    if (vmSize == 0 || setrlimit(RLIMIT_AS, &limit) != 0) {
        out << "error=no address-space limit\n";
        return 3;
    }

    const int threadsBefore = live::processThreadCount();
    const live::UnitFigures figures = live::measureThreads(n);
    out << "requested=" << figures.requested << '\n'
        << "created=" << figures.created << '\n'
        << "reason=" << live::stopReasonKey(figures.stop.reason) << '\n'
        << "refused=" << (figures.stop.refused ? 1 : 0) << '\n'
        << "failedAt=" << figures.stop.failedAt << '\n'
        << "threadsBefore=" << threadsBefore << '\n'
        << "threadsAfter=" << live::processThreadCount() << '\n'
        << "message=" << figures.limitMessage << '\n';
    return 0;
}
