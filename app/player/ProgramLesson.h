#pragma once

#include "player/ProgramTracer.h"

// moc is not run on this header, but keep it like the other player headers.
#ifndef Q_MOC_RUN
#include <lessons/lesson.hpp>
#endif

#include <QList>
#include <QString>
#include <QStringList>

#include <string>

// A learner's own Python program dressed as a lesson, so the window's panels show it as they
// show ours: its source is the Python listing, its UPPER_CASE number constants are the sliders
// (ranges made up from the value, since the program does not say), a short text in both
// languages says what runs and how. It has no scenario: the session runs it through the
// harness (ProgramTracer), not on the C++ scheduler.
class ProgramLesson
{
public:
    using Constant = ProgramTracer::Constant;

    ProgramLesson(const QString &path, const QString &source, const QList<Constant> &constants);
    ProgramLesson(const ProgramLesson &) = delete;
    ProgramLesson &operator=(const ProgramLesson &) = delete;

    const lessons::Lesson &lesson() const { return m_lesson; }
    QString path() const { return m_path; }     // absolute
    QString fileName() const;                   // "crawler.py"
    QString source() const { return m_source; } // the text the next run runs
    const QList<Constant> &constants() const { return m_constants; }

    // NAME=VALUE for each slider whose value differs from the source's ("True"/"False" for a
    // switch, digits in the C locale: the harness reads Python literals).
    QStringList assignments(const lessons::Params &params) const;

    // The slider for a constant: 0 to about four times the value (at least 10 for a whole
    // number), on a grid fine enough that the value itself lies on it.
    static lessons::Parameter sliderFor(const Constant &constant);

private:
    QString m_path;
    QString m_source;
    QList<Constant> m_constants;
    std::string m_sourceUtf8; // what lesson().python_source points into
    std::string m_textDe;
    std::string m_textEn;
    lessons::Lesson m_lesson;
};
