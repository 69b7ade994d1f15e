#include "live/LiveThreads.h"

#include <lessons/lesson.hpp>

#include <algorithm>
#include <functional>
#include <stdexcept>

namespace live {

namespace {

const lessons::Lesson &modelLesson()
{
    const lessons::Lesson *lesson = lessons::find("threads");
    if (!lesson)
        throw std::logic_error("the threads lesson is missing from the registry");
    return *lesson;
}

QString micros(double us)
{
    return QString::number(us, 'f', us < 10 ? 2 : 1) + QStringLiteral(" us");
}

QString bytes(double b)
{
    return QString::number(qint64(b + 0.5)) + QStringLiteral(" B");
}

QString millis(double s)
{
    return QString::number(s * 1000.0, 'f', 3) + QStringLiteral(" ms");
}

void addColumn(QList<Figure> &list, const QString &who, const UnitFigures &f)
{
    list.append({who + QStringLiteral(" created"), QStringLiteral("%1 of %2").arg(f.created).arg(f.requested)});
    list.append({who + QStringLiteral(" create, per unit"), micros(f.createMicrosPerUnit())});
    list.append({who + QStringLiteral(" memory (RSS), per unit"), bytes(f.rssBytesPerUnit())});
    list.append({who + QStringLiteral(" reserved, per unit"), bytes(f.reservedBytesPerUnit())});
    list.append({who + QStringLiteral(" wake all"), millis(f.wakeSeconds)});
    list.append({who + QStringLiteral(" context switches"), QString::number(f.contextSwitches)});
    if (!f.limitMessage.isEmpty())
        list.append({who + QStringLiteral(" stopped"), f.limitMessage});
}

} // namespace

const lessons::Lesson &LiveThreads::lesson()
{
    static const lessons::Lesson live = [] {
        lessons::Lesson l = modelLesson();
        lessons::Parameter n;
        n.id = "n";
        n.label = {"Threads und Coroutinen (je)", "Threads and coroutines (each)"};
        n.min = 10;
        n.max = 1000000;
        n.step = 10;
        n.default_value = 1000;
        l.parameters = {n};
        // A measurement has no pitfall to switch on: the model shows the lost update.
        l.has_pitfall = false;
        l.pitfall = {};
        return l;
    }();
    return live;
}

ThreadsComparison LiveThreads::measure(int n, const LiveThreadsOptions &options)
{
    ThreadsComparison result;
    result.n = n;
    ThreadsMeasurementOptions measuring;
    measuring.cancel = options.cancel;
    const auto cancelled = [&] { return options.cancel && options.cancel->load(); };
    result.series = measureSeries(n, measuring, [&](const SeriesPoint &point) {
        if (options.progress)
            options.progress(QStringLiteral("%1 threads and %1 coroutines measured").arg(point.n));
    });
    if (!result.series.isEmpty() && result.series.back().n == n) {
        result.threads = result.series.back().threads;
        result.tasks = result.series.back().tasks;
    }
    if (options.python && !cancelled()) {
        if (options.progress)
            options.progress(QStringLiteral("python3 live_threads.py --n %1").arg(n));
        const lessons::Lesson &model = modelLesson();
        PythonThreadsOptions py;
        py.cancel = options.cancel;
        for (const lessons::Lesson::Listing &listing : model.live_listings) {
            if (listing.file == "live_threads.py")
                result.python = measurePythonThreadsSource(
                    QByteArray(listing.source.data(), qsizetype(listing.source.size())), n, py);
        }
    }
    result.cancelled = cancelled();
    return result;
}

QList<Figure> LiveThreads::figures(const ThreadsComparison &c)
{
    QList<Figure> list;
    list.append({QStringLiteral("n"), QString::number(c.n)});
    addColumn(list, QStringLiteral("threads"), c.threads);
    addColumn(list, QStringLiteral("coroutines"), c.tasks);
    if (c.python.ok) {
        list.append({QStringLiteral("python"), c.python.pythonVersion});
        addColumn(list, QStringLiteral("python threads"), c.python.threads);
        addColumn(list, QStringLiteral("python tasks"), c.python.tasks);
    } else {
        list.append({QStringLiteral("python"), QStringLiteral("not measured: ") + c.python.error});
    }
    return list;
}

QString LiveThreads::table(const ThreadsComparison &c)
{
    QList<const UnitFigures *> columns{&c.threads, &c.tasks};
    QStringList heads{QStringLiteral("C++ threads"), QStringLiteral("C++ coroutines")};
    if (c.python.ok) {
        columns << &c.python.threads << &c.python.tasks;
        heads << QStringLiteral("Python threads") << QStringLiteral("Python tasks");
    }
    using Cell = std::function<QString(const UnitFigures &)>;
    const QList<QPair<QString, Cell>> rows{
        {QStringLiteral("created"), [](const UnitFigures &f) { return QString::number(f.created); }},
        {QStringLiteral("create, per unit"), [](const UnitFigures &f) { return micros(f.createMicrosPerUnit()); }},
        {QStringLiteral("memory (RSS), per unit"), [](const UnitFigures &f) { return bytes(f.rssBytesPerUnit()); }},
        {QStringLiteral("reserved, per unit"), [](const UnitFigures &f) { return bytes(f.reservedBytesPerUnit()); }},
        {QStringLiteral("wake all"), [](const UnitFigures &f) { return millis(f.wakeSeconds); }},
        {QStringLiteral("context switches"), [](const UnitFigures &f) { return QString::number(f.contextSwitches); }},
    };
    // Column widths: the widest cell plus two spaces.
    int first = 0;
    for (const auto &row : rows)
        first = std::max(first, int(row.first.size()));
    QList<int> widths;
    for (int i = 0; i < columns.size(); ++i) {
        int w = int(heads.at(i).size());
        for (const auto &row : rows)
            w = std::max(w, int(row.second(*columns.at(i)).size()));
        widths.append(w);
    }
    QString out = QString(first, QLatin1Char(' '));
    for (int i = 0; i < columns.size(); ++i)
        out += QStringLiteral("  ") + heads.at(i).leftJustified(widths.at(i));
    out = out.trimmed().prepend(QString(first + 2, QLatin1Char(' '))) + QLatin1Char('\n');
    for (const auto &row : rows) {
        QString line = row.first.leftJustified(first);
        for (int i = 0; i < columns.size(); ++i)
            line += QStringLiteral("  ") + row.second(*columns.at(i)).leftJustified(widths.at(i));
        out += line.trimmed() + QLatin1Char('\n');
    }
    for (int i = 0; i < columns.size(); ++i)
        if (!columns.at(i)->limitMessage.isEmpty())
            out += heads.at(i) + QStringLiteral(" stopped early: ") + columns.at(i)->limitMessage + QLatin1Char('\n');
    return out;
}

} // namespace live
