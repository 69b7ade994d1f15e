#pragma once

#include <QByteArray>
#include <QString>

#include <cstdio>

// Writes text (UTF-8) or bytes to stdout or stderr as they are and flushes, so that lines of
// both streams come out in the order they were written (a terminal, a test reading both).
void print(std::FILE *stream, const QByteArray &bytes);
void print(std::FILE *stream, const QString &text);
