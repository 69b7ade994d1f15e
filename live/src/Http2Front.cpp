#include "live/Http2Front.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#endif

namespace live {

namespace {

constexpr int startTimeoutMs = 5000;
constexpr int stopTimeoutMs = 2000;

// One line per request: the client's port first, then the protocol (to count HTTP/2 ones).
const QString accessLogFormat = QStringLiteral("$remote_port $status \"$request\"");

// A port of 127.0.0.1 that was free a moment ago: bound, noted, closed.
quint16 freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

QList<QByteArray> accessLogLines(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<QByteArray> lines;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (!line.trimmed().isEmpty())
            lines.append(line);
    }
    return lines;
}

} // namespace

Http2Front::Http2Front(QObject *parent) : QObject(parent) {}

Http2Front::~Http2Front()
{
    stop();
}

QString Http2Front::findNghttpx()
{
    QString found = QStandardPaths::findExecutable(QStringLiteral("nghttpx"));
    if (found.isEmpty()) // Debian installs it in /usr/sbin, often not on a user's PATH
        found = QStandardPaths::findExecutable(QStringLiteral("nghttpx"), {QStringLiteral("/usr/sbin")});
    return found;
}

bool Http2Front::start(quint16 backendPort, QString *error)
{
    const auto fail = [this, error](const QString &why) {
        stop();
        if (error)
            *error = why;
        return false;
    };
    stop();
    m_program = findNghttpx();
    if (m_program.isEmpty())
        return fail(QStringLiteral("HTTP/2 needs nghttpx (Debian package nghttp2-proxy)"));
    m_dir = std::make_unique<QTemporaryDir>();
    if (!m_dir->isValid())
        return fail(QStringLiteral("cannot make a temporary folder for nghttpx's logs"));
    m_port = freePort();
    if (m_port == 0)
        return fail(QStringLiteral("no free port on 127.0.0.1 for nghttpx"));

    m_process = new QProcess(this);
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setStandardOutputFile(QProcess::nullDevice());
    m_process->setProgram(m_program);
    m_process->setArguments({
        QStringLiteral("--conf=/dev/null"), // none of /etc/nghttpx/nghttpx.conf
        QStringLiteral("--single-process"), // one process: terminating it ends everything
        QStringLiteral("--workers=1"),
        QStringLiteral("--frontend=127.0.0.1,%1;no-tls").arg(m_port),
        QStringLiteral("--backend=127.0.0.1,%1").arg(backendPort),
        // As many connections to the demo server as the lesson's limit can ask for.
        QStringLiteral("--backend-connections-per-host=64"),
        QStringLiteral("--accesslog-file=") + m_dir->filePath(QStringLiteral("access.log")),
        QStringLiteral("--accesslog-format=") + accessLogFormat,
        QStringLiteral("--errorlog-file=") + m_dir->filePath(QStringLiteral("error.log")),
    });
#ifdef Q_OS_LINUX
    // Should Dirigent die without stopping it (killed, crashed), nghttpx goes too instead of
    // holding its port. The signal comes when the thread that started it ends: start() is
    // called from the thread that lives as long as the front (the GUI's, the command's).
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
    m_process->start();
    if (!m_process->waitForStarted(startTimeoutMs))
        return fail(QStringLiteral("cannot start %1: %2").arg(m_program, m_process->errorString()));

    // Ready once it accepts a connection (one without a request: the access log stays empty).
    const QDeadlineTimer deadline(startTimeoutMs);
    while (!deadline.hasExpired()) {
        if (m_process->state() != QProcess::Running) {
            QFile log(m_dir->filePath(QStringLiteral("error.log")));
            QString last;
            if (log.open(QIODevice::ReadOnly)) {
                const QList<QByteArray> lines = log.readAll().trimmed().split('\n');
                last = QString::fromUtf8(lines.last()).trimmed();
            }
            return fail(QStringLiteral("nghttpx ended at once (exit code %1)%2")
                            .arg(m_process->exitCode())
                            .arg(last.isEmpty() ? QString() : QStringLiteral(": ") + last));
        }
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, m_port);
        if (probe.waitForConnected(200)) {
            probe.disconnectFromHost();
            return true;
        }
        QThread::msleep(50);
    }
    return fail(QStringLiteral("nghttpx did not accept connections on 127.0.0.1:%1 within %2 s")
                    .arg(m_port)
                    .arg(startTimeoutMs / 1000));
}

void Http2Front::stop()
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(stopTimeoutMs)) {
            m_process->kill();
            m_process->waitForFinished(stopTimeoutMs);
        }
    }
    delete m_process;
    m_process = nullptr;
}

bool Http2Front::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

QUrl Http2Front::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(m_port));
}

int Http2Front::clientConnections() const
{
    if (!m_dir)
        return 0;
    QSet<QByteArray> ports;
    for (const QByteArray &line : accessLogLines(m_dir->filePath(QStringLiteral("access.log"))))
        ports.insert(line.left(line.indexOf(' ')));
    return static_cast<int>(ports.size());
}

int Http2Front::http2Requests() const
{
    if (!m_dir)
        return 0;
    int count = 0;
    for (const QByteArray &line : accessLogLines(m_dir->filePath(QStringLiteral("access.log"))))
        count += line.contains(" HTTP/2\"") ? 1 : 0;
    return count;
}

} // namespace live
