#include "cli/TraceJsonFile.h"

#include "cli/SaveFile.h"

#include <trace/chrome_trace.hpp>
#include <trace/recorder.hpp>
#include <trace/trace_file.hpp>

#include <QDir>
#include <QFileInfo>

#include <sstream>
#include <string>
#include <utility>

TraceJsonFile::TraceJsonFile(QString path, Format format) : m_path(std::move(path)), m_format(format) {}

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

QString TraceJsonFile::write(const trace::Recorder &recorder, const trace::TraceHeader *header) const
{
    std::ostringstream json;
    if (m_format == Format::Chrome)
        trace::write_chrome_trace(recorder, json);
    else
        trace::write_trace_file(json, header ? *header : trace::TraceHeader{}, recorder);
    const std::string bytes = json.str();
    QString reason;
    if (!saveFile(QFileInfo(m_path).absoluteFilePath(), QByteArray(bytes.data(), qsizetype(bytes.size())), &reason))
        return tr("cannot write the trace to '%1': %2").arg(m_path, reason);
    return {};
}
