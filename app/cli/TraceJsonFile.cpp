#include "cli/TraceJsonFile.h"

#include "cli/SaveFile.h"

#include <trace/chrome_trace.hpp>
#include <trace/recorder.hpp>

#include <QDir>
#include <QFileInfo>

#include <sstream>
#include <string>
#include <utility>

TraceJsonFile::TraceJsonFile(QString path) : m_path(std::move(path)) {}

QString TraceJsonFile::check() const
{
    if (!wanted())
        return {};
    const QFileInfo info(m_path);
    const QDir folder = info.absoluteDir();
    if (!folder.exists())
        return tr("cannot write the trace to '%1': the folder '%2' does not exist")
            .arg(m_path, QDir::toNativeSeparators(folder.path()));
    if (info.isDir())
        return tr("cannot write the trace to '%1': it is a folder").arg(m_path);
    return {};
}

QString TraceJsonFile::write(const trace::Recorder &recorder) const
{
    std::ostringstream json;
    trace::write_chrome_trace(recorder, json);
    const std::string bytes = json.str();
    QString reason;
    if (!saveFile(QFileInfo(m_path).absoluteFilePath(), QByteArray(bytes.data(), qsizetype(bytes.size())), &reason))
        return tr("cannot write the trace to '%1': %2").arg(m_path, reason);
    return {};
}
