#pragma once

#include <QCoreApplication>
#include <QString>

namespace trace {
class Recorder;
}

// `--trace-json FILE` of the console commands (`run`, `live`): the path is checked before
// anything runs, so that nothing runs in vain, and the Chrome JSON is written whole or not
// at all (QSaveFile: a temporary file beside the target, renamed on commit).
class TraceJsonFile
{
    Q_DECLARE_TR_FUNCTIONS(TraceJsonFile)

public:
    // `path` as the learner typed it (empty: no trace asked for).
    explicit TraceJsonFile(QString path);

    bool wanted() const { return !m_path.isEmpty(); }
    // Empty when the file can be written; else why not, in one sentence.
    QString check() const;
    // Writes the recorder's trace; empty on success, else why it failed.
    QString write(const trace::Recorder &recorder) const;

private:
    QString m_path;
};
