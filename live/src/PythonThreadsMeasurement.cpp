#include "live/PythonThreadsMeasurement.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>

namespace live {

namespace {

// The last `maxLines` lines of what a process printed, for an error message.
QString lastLines(const QByteArray &output, int maxLines = 3)
{
    QStringList lines = QString::fromUtf8(output).trimmed().split(QLatin1Char('\n'));
    if (lines.size() > maxLines)
        lines = lines.mid(lines.size() - maxLines);
    return lines.join(QStringLiteral(" / ")).trimmed();
}

// One of "threads" / "tasks"; false with `error` set when a key is missing or of the wrong type.
bool readFigures(const QJsonObject &object, UnitKind kind, UnitFigures *figures, QString *error)
{
    const char *numbers[] = {"requested", "created", "create_seconds", "wake_seconds", "rss_bytes",
        "reserved_bytes", "context_switches", "failed_at", "limit_value"};
    for (const char *key : numbers) {
        if (!object.value(QLatin1String(key)).isDouble()) {
            *error = QCoreApplication::translate(
                "live::PythonThreadsMeasurement", "the Python measurement has no number \"%1\".")
                         .arg(QLatin1String(key));
            return false;
        }
    }
    const char *strings[] = {"kind", "reserved_basis", "stop", "limit_message"};
    for (const char *key : strings) {
        if (!object.value(QLatin1String(key)).isString()) {
            *error = QCoreApplication::translate(
                "live::PythonThreadsMeasurement", "the Python measurement has no text \"%1\".")
                         .arg(QLatin1String(key));
            return false;
        }
    }
    if (!object.value(QLatin1String("refused")).isBool()) {
        *error = QCoreApplication::translate(
            "live::PythonThreadsMeasurement", "the Python measurement has no true/false \"refused\".");
        return false;
    }
    const QString expectedKind = kind == UnitKind::Thread ? QStringLiteral("thread") : QStringLiteral("task");
    if (object.value(QLatin1String("kind")).toString() != expectedKind) {
        *error = QCoreApplication::translate(
            "live::PythonThreadsMeasurement", "the Python measurement's \"kind\" is not \"%1\".")
                     .arg(expectedKind);
        return false;
    }

    auto integer = [&object](const char *key) { return qint64(object.value(QLatin1String(key)).toDouble()); };
    auto real = [&object](const char *key) { return object.value(QLatin1String(key)).toDouble(); };
    figures->kind = kind;
    figures->requested = int(integer("requested"));
    figures->created = int(integer("created"));
    figures->createSeconds = real("create_seconds");
    figures->wakeSeconds = real("wake_seconds");
    figures->rssBytes = integer("rss_bytes");
    figures->reservedBytes = integer("reserved_bytes");
    const QString basis = object.value(QLatin1String("reserved_basis")).toString();
    figures->reservedBasis = basis == QLatin1String("stack") ? ReservedBasis::StackSize
        : basis == QLatin1String("heap")                     ? ReservedBasis::HeapBytes
                                                             : ReservedBasis::Rss;
    figures->contextSwitches = integer("context_switches");
    bool known = false;
    figures->stop.reason = stopReasonFromKey(object.value(QLatin1String("stop")).toString(), &known);
    figures->stop.refused = object.value(QLatin1String("refused")).toBool();
    figures->stop.failedAt = integer("failed_at");
    figures->stop.limitValue = integer("limit_value");
    if (figures->created < 0 || figures->requested < 0 || figures->created > figures->requested) {
        *error = QCoreApplication::translate("live::PythonThreadsMeasurement",
            "the Python measurement's counts make no sense (%1 of %2 created).")
                     .arg(figures->created)
                     .arg(figures->requested);
        return false;
    }
    // The app words the stop itself (translatable); Python's own words are kept for a
    // reason the app does not know.
    figures->limitMessage = limitMessage(*figures);
    if (!known)
        figures->limitMessage = object.value(QLatin1String("limit_message")).toString();
    return true;
}

} // namespace

PythonThreadsResult parsePythonThreadsJson(const QByteArray &output)
{
    PythonThreadsResult result;
    // The JSON object is the last line that looks like one (a warning may come before it).
    QByteArray line;
    const QList<QByteArray> lines = output.trimmed().split('\n');
    for (auto it = lines.crbegin(); it != lines.crend(); ++it) {
        if (it->trimmed().startsWith('{')) {
            line = it->trimmed();
            break;
        }
    }
    if (line.isEmpty()) {
        result.error = output.trimmed().isEmpty()
            ? QCoreApplication::translate(
                "live::PythonThreadsMeasurement", "The Python measurement printed nothing.")
            : QCoreApplication::translate(
                "live::PythonThreadsMeasurement", "The Python measurement printed no JSON: %1")
                  .arg(lastLines(output));
        return result;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        result.error = QCoreApplication::translate(
            "live::PythonThreadsMeasurement", "The Python measurement printed broken JSON (%1).")
                           .arg(parseError.errorString());
        return result;
    }
    const QJsonObject root = document.object();
    QString error;
    if (!root.value(QLatin1String("threads")).isObject() || !root.value(QLatin1String("tasks")).isObject()) {
        result.error = QCoreApplication::translate(
            "live::PythonThreadsMeasurement", "The Python measurement lacks \"threads\" or \"tasks\".");
        return result;
    }
    if (!readFigures(
            root.value(QLatin1String("threads")).toObject(), UnitKind::Thread, &result.threads, &error)
        || !readFigures(
            root.value(QLatin1String("tasks")).toObject(), UnitKind::Task, &result.tasks, &error)) {
        result.error = QCoreApplication::translate(
            "live::PythonThreadsMeasurement", "The Python measurement is incomplete: %1")
                           .arg(error);
        result.threads = {};
        result.tasks = {};
        return result;
    }
    result.pythonVersion = root.value(QLatin1String("python")).toString();
    result.ok = true;
    return result;
}

PythonThreadsResult measurePythonThreads(
    const QString &scriptPath, int n, const PythonThreadsOptions &options)
{
    PythonThreadsResult result;
    QStringList arguments {
        scriptPath, QStringLiteral("--n"), QString::number(std::max(n, 0)), QStringLiteral("--json")};
    ThreadHeadroom headroom;
    if (options.stayBelowLimits) {
        headroom = threadHeadroom();
        if (headroom.reason != StopReason::None && headroom.available < n)
            arguments << QStringLiteral("--max-threads") << QString::number(headroom.available);
        else
            headroom = {};
    }

    QProcess process;
    process.setProgram(options.interpreter);
    process.setArguments(arguments);
    process.start(QIODevice::ReadOnly);
    if (!process.waitForStarted(30000)) {
        result.error
            = QCoreApplication::translate("live::PythonThreadsMeasurement", "%1 could not be started: %2")
                  .arg(options.interpreter, process.errorString());
        process.kill();
        process.waitForFinished(5000);
        return result;
    }
    result.available = true;

    // Wait in slices, so that a cancel is noticed.
    const QDeadlineTimer deadline(options.timeoutMs);
    bool finished = false;
    while (!finished) {
        finished = process.waitForFinished(100) || process.state() == QProcess::NotRunning;
        if (finished)
            break;
        const bool cancelled = options.cancel && options.cancel->load();
        if (cancelled || deadline.hasExpired()) {
            process.kill();
            process.waitForFinished(5000);
            result.error = cancelled ? QCoreApplication::translate(
                               "live::PythonThreadsMeasurement", "The Python measurement was cancelled.")
                                     : QCoreApplication::translate("live::PythonThreadsMeasurement",
                                         "The Python measurement took longer than %1 s and was stopped.")
                                           .arg(options.timeoutMs / 1000.0);
            return result;
        }
    }
    const QByteArray out = process.readAllStandardOutput();
    const QByteArray err = process.readAllStandardError();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        result.error = process.exitStatus() != QProcess::NormalExit
            ? QCoreApplication::translate(
                "live::PythonThreadsMeasurement", "The Python measurement crashed: %1")
                  .arg(lastLines(err))
            : QCoreApplication::translate(
                "live::PythonThreadsMeasurement", "The Python measurement ended with exit code %1: %2")
                  .arg(process.exitCode())
                  .arg(lastLines(err.isEmpty() ? out : err));
        return result;
    }

    PythonThreadsResult parsed = parsePythonThreadsJson(out);
    parsed.available = true;
    // A stop at --max-threads is a stop below the limit that set it: say which.
    if (parsed.ok && headroom.reason != StopReason::None && parsed.threads.stop.reason == StopReason::Cap) {
        parsed.threads.stop = {headroom.reason, false, 0, headroom.limitValue, headroom.inUse, 0};
        parsed.threads.limitMessage = limitMessage(parsed.threads);
    }
    return parsed;
}

PythonThreadsResult measurePythonThreadsSource(
    const QByteArray &source, int n, const PythonThreadsOptions &options)
{
    PythonThreadsResult result;
    QTemporaryDir dir;
    if (!dir.isValid()) {
        result.error = QCoreApplication::translate(
            "live::PythonThreadsMeasurement", "No temporary folder for the Python measurement: %1")
                           .arg(dir.errorString());
        return result;
    }
    const QString path = dir.filePath(QStringLiteral("live_threads.py"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(source) != source.size() || !file.flush()) {
        result.error = QCoreApplication::translate(
            "live::PythonThreadsMeasurement", "The Python measurement could not be written to %1: %2")
                           .arg(path, file.errorString());
        return result;
    }
    file.close();
    return measurePythonThreads(path, n, options);
}

} // namespace live
