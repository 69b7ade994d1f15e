#pragma once

#include <QCoreApplication>
#include <QString>

namespace trace {
class Recorder;
struct TraceHeader;
}

// A trace file the console commands write: `--trace-json FILE` (Chrome trace-event JSON, for
// ui.perfetto.dev) or `--save FILE` (Dirigent's own trace format, JSON Lines, which
// `dirigent open` reads). The path is checked before anything runs, so that nothing runs in
// vain, and the file is written whole or not at all (QSaveFile: a temporary file beside the
// target, renamed on commit).
class TraceJsonFile
{
    Q_DECLARE_TR_FUNCTIONS(TraceJsonFile)

public:
    enum class Format { Chrome, Dirigent };

    // `path` as the learner typed it (empty: no trace asked for).
    explicit TraceJsonFile(QString path, Format format = Format::Chrome);

    bool wanted() const { return !m_path.isEmpty(); }
    // Empty when the file can be written; else why not, in one sentence.
    QString check() const;
    // Writes the recorder's trace; empty on success, else why it failed. The header goes into
    // Dirigent's format only (what was traced, on which clock).
    QString write(const trace::Recorder &recorder, const trace::TraceHeader *header = nullptr) const;

private:
    QString m_path;
    Format m_format;
};
