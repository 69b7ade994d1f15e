#pragma once

#include <QByteArray>
#include <QString>

// Writes `bytes` to `path` through QSaveFile, which writes beside the target and renames
// on commit(): the target is either the old file or the whole new one. On failure false,
// and QSaveFile's reason in *error when given.
bool saveFile(const QString &path, const QByteArray &bytes, QString *error = nullptr);
