#include "player/ProgramTracer.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

#include <cstdio>

namespace {

constexpr qsizetype maxKeptStderr = qsizetype(1) << 20;

} // namespace

ProgramTracer::ProgramTracer(QObject *parent)
    : QObject(parent)
    , m_run(std::make_shared<Run>())
{
    m_timeLimit.setSingleShot(true);
    connect(&m_timeLimit, &QTimer::timeout, this, &ProgramTracer::stop);
}

ProgramTracer::~ProgramTracer()
{
    if (m_process) {
        // The child must not outlive the window or the command that started it.
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(5000);
    }
}

QString ProgramTracer::harnessPath()
{
    // A test names the harness of its build tree ($DIRIGENT_HARNESS); a learner's dirigent finds its own.
    const QString named = qEnvironmentVariable("DIRIGENT_HARNESS");
    if (!named.isEmpty())
        return QFileInfo::exists(named) ? QFileInfo(named).absoluteFilePath() : QString();
    const QString dir = QCoreApplication::applicationDirPath();
    // The build tree (beside the executable), then an installed tree (bin/../share/dirigent).
    for (const QString &candidate : {dir + QStringLiteral("/harness/dirigent_trace.py"),
                                     dir + QStringLiteral("/../share/dirigent/harness/dirigent_trace.py")}) {
        if (QFileInfo::exists(candidate))
            return QDir::cleanPath(candidate);
    }
    return {};
}

QString ProgramTracer::pythonPath()
{
    const QString fromEnvironment = qEnvironmentVariable("DIRIGENT_PYTHON");
    if (!fromEnvironment.isEmpty())
        return QStandardPaths::findExecutable(fromEnvironment).isEmpty() && !QFileInfo(fromEnvironment).isExecutable()
                   ? QString()
                   : fromEnvironment;
    return QStandardPaths::findExecutable(QStringLiteral("python3"));
}

const trace::TraceHeader &ProgramTracer::header() const
{
    return m_run->reader.header();
}

std::shared_ptr<const trace::Recorder> ProgramTracer::sharedRecorder() const
{
    return {m_run, &m_run->recorder};
}

std::shared_ptr<trace::Recorder> ProgramTracer::recorderHandle() const
{
    return {m_run, &m_run->recorder};
}

bool ProgramTracer::readConstants(const QString &program, const QString &source, QList<Constant> *constants,
                                  QString *error)
{
    constants->clear();
    const QString python = pythonPath();
    const QString harness = harnessPath();
    if (python.isEmpty() || harness.isEmpty()) {
        *error = python.isEmpty() ? tr("no python3 was found to run the program with")
                                  : tr("the tracing harness is not installed beside dirigent");
        return false;
    }
    QStringList arguments{QStringLiteral("-X"), QStringLiteral("utf8"), harness,
                          QFileInfo(program).absoluteFilePath(), QStringLiteral("--constants")};
    if (!source.isEmpty())
        arguments << QStringLiteral("--source") << source;
    QProcess process;
    process.setStandardInputFile(QProcess::nullDevice());
    process.start(python, arguments, QIODevice::ReadOnly);
    if (!process.waitForFinished(10000)) {
        process.kill();
        process.waitForFinished(2000);
        *error = tr("python3 did not answer within 10 s");
        return false;
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        // The harness's one line ("dirigent: x.py:3: syntax error: ..."), without its prefix.
        QString line = QString::fromUtf8(process.readAllStandardError()).trimmed().section(QLatin1Char('\n'), -1);
        if (line.startsWith(QLatin1String("dirigent: ")))
            line = line.mid(10);
        *error = line.isEmpty() ? tr("the harness ended with exit code %1").arg(process.exitCode()) : line;
        return false;
    }
    const QJsonArray found = QJsonDocument::fromJson(process.readAllStandardOutput()).array();
    for (const QJsonValue &entry : found) {
        const QJsonObject object = entry.toObject();
        Constant constant;
        constant.name = object.value(QStringLiteral("name")).toString();
        const QJsonValue value = object.value(QStringLiteral("value"));
        constant.value = value.isBool() ? (value.toBool() ? 1.0 : 0.0) : value.toDouble();
        constant.line = object.value(QStringLiteral("line")).toInt();
        constant.integer = object.value(QStringLiteral("integer")).toBool();
        constant.switchValue = object.value(QStringLiteral("switch")).toBool();
        if (!constant.name.isEmpty())
            constants->append(constant);
    }
    return true;
}

void ProgramTracer::start(const Options &options)
{
    if (m_process) {
        // The run going on ends here, before the next one starts: its process must not report
        // its end into the next run. Its trace is closed as stop() closes it.
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(5000);
        m_timeLimit.stop();
        closeWithRunEnd(QStringLiteral("stopped"));
        finish(Status::Stopped);
    }
    m_run = std::make_shared<Run>();
    m_problem.clear();
    m_stderr.clear();
    m_exitCode = 0;
    m_stopping = false;

    const QString python = pythonPath();
    if (python.isEmpty()) {
        finish(Status::NoPython);
        return;
    }
    const QString harness = harnessPath();
    if (harness.isEmpty()) {
        finish(Status::NoHarness);
        return;
    }

    QStringList arguments{QStringLiteral("-X"), QStringLiteral("utf8"), harness,
                          QFileInfo(options.program).absoluteFilePath()};
    if (options.realTime)
        arguments << QStringLiteral("--real-time");
    if (!options.source.isEmpty())
        arguments << QStringLiteral("--source") << options.source;
    for (const QString &assignment : options.assignments)
        arguments << QStringLiteral("--set") << assignment;

    m_process = new QProcess(this);
    // A program that reads its standard input gets an end of file, never a wait for a person.
    m_process->setStandardInputFile(QProcess::nullDevice());
    m_process->setProcessChannelMode(options.forwardStderr ? QProcess::ForwardedErrorChannel
                                                           : QProcess::SeparateChannels);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("PYTHONDONTWRITEBYTECODE"), QStringLiteral("1"));
    environment.insert(QStringLiteral("PYTHONUNBUFFERED"), QStringLiteral("1"));
    m_process->setProcessEnvironment(environment);
    connect(m_process, &QProcess::readyReadStandardOutput, this, &ProgramTracer::readLines);
    connect(m_process, &QProcess::readyReadStandardError, this, [this] {
        const QByteArray bytes = m_process->readAllStandardError();
        if (m_stderr.size() < maxKeptStderr)
            m_stderr += bytes.left(maxKeptStderr - m_stderr.size());
    });
    connect(m_process, &QProcess::finished, this, &ProgramTracer::processEnded);
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            finish(Status::NoPython);
    });
    m_status = Status::Running;
    m_process->start(python, arguments, QIODevice::ReadOnly);
    if (options.timeLimitMs >= 0)
        m_timeLimit.start(options.timeLimitMs);
}

void ProgramTracer::readLines()
{
    if (!m_process || !m_problem.isEmpty())
        return;
    // The reader splits the lines itself and refuses one over its limit before buffering it.
    const qsizetype before = qsizetype(m_run->recorder.size());
    const QByteArray bytes = m_process->readAllStandardOutput();
    if (!m_run->reader.feed(std::string_view(bytes.constData(), std::size_t(bytes.size())))) {
        m_problem = QString::fromStdString(m_run->reader.error()->to_string());
        m_process->kill();
    }
    const qsizetype after = qsizetype(m_run->recorder.size());
    if (after > before)
        emit eventsAdded(before, after);
}

void ProgramTracer::stop()
{
    if (!m_process || m_stopping)
        return;
    m_stopping = true;
    m_timeLimit.stop();
    m_process->kill(); // SIGKILL: a program may ignore anything gentler
}

void ProgramTracer::processEnded(int exitCode, QProcess::ExitStatus exitStatus)
{
    m_timeLimit.stop();
    readLines();
    if (!m_problem.isEmpty()) {
        finish(Status::BrokenTrace);
        return;
    }
    m_exitCode = exitStatus == QProcess::NormalExit ? exitCode : -1;
    if (m_stopping) {
        // A line cut by the kill stays in the reader, unread.
        closeWithRunEnd(QStringLiteral("stopped"));
        finish(Status::Stopped);
        return;
    }
    if (exitStatus == QProcess::NormalExit && exitCode == 2 && m_run->recorder.empty()) {
        finish(Status::BadProgram);
        return;
    }
    if (!m_run->reader.finish()) { // also reads a last line without its newline
        // No RunEnd: the harness died (a crash of CPython, a signal, the OOM killer).
        m_problem = QString::fromStdString(m_run->reader.error()->to_string());
        closeWithRunEnd(QStringLiteral("the harness ended early"));
        finish(Status::Crashed);
        return;
    }
    finish(Status::Finished);
}

void ProgramTracer::closeWithRunEnd(const QString &text)
{
    trace::Recorder &recorder = m_run->recorder;
    if (recorder.empty() || recorder.back().kind == aio::TraceEventKind::RunEnd)
        return;
    aio::TraceEvent end;
    end.seq = recorder.size();
    end.iteration = recorder.back().iteration;
    end.time_ns = recorder.back().time_ns;
    end.kind = aio::TraceEventKind::RunEnd;
    end.outcome = aio::Outcome::None;
    end.text = text.toStdString();
    recorder.on_event(end);
    emit eventsAdded(qsizetype(recorder.size()) - 1, qsizetype(recorder.size()));
}

void ProgramTracer::finish(Status status)
{
    m_status = status;
    if (m_process) {
        QProcess *process = m_process;
        m_process = nullptr;
        process->disconnect(this);
        if (process->state() != QProcess::NotRunning) {
            process->kill();
            process->waitForFinished(5000);
        }
        process->deleteLater();
    }
    emit finished(status);
}

ProgramTracer::Status ProgramTracer::runToEnd(const Options &options)
{
    QEventLoop loop;
    connect(this, &ProgramTracer::finished, &loop, &QEventLoop::quit);
    start(options);
    if (running())
        loop.exec();
    return m_status;
}
