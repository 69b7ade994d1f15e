#pragma once

#include <aio/trace_event.hpp>
// moc (Qt 6.4, with CMake 3.25's C++17 predefines) cannot parse <concepts>, which the
// lesson headers pull in; moc needs none of these declarations.
#ifndef Q_MOC_RUN
#include <lessons/lesson.hpp>
#endif

#include <QHash>
#include <QList>
#include <QString>

// The two listings of a lesson and how their lines correspond.
//
// Lessons tag matching lines with a trailing comment: `# @name` in lesson.py and
// `// @name` in scenario.cpp (name: letters, digits, '-' or '_'). The listings the
// learner sees have the tags removed (lines keep their numbers). A C++ line maps to
// the Python line with the same tag; an untagged C++ line maps to nothing (0).
class CodeMap
{
public:
    CodeMap() = default;
    explicit CodeMap(const lessons::Lesson &lesson);

    const QString &pythonText() const { return m_python; }  // tags removed
    const QString &cppText() const { return m_cpp; }        // tags removed
    // The lesson written with real libraries (file name, text), e.g. live_aiohttp.py.
    struct Listing {
        QString file;
        QString text;
        QString command; // "python3 lessons/http/live_httpx.py --url {server}" ({server}: see Lesson::Listing)
    };
    const QList<Listing> &liveListings() const { return m_liveListings; }
    // 1-based lines; 0: no match.
    int pythonLineForCppLine(int cppLine) const;
    // The event's line if it lies in this lesson's scenario.cpp, else 0.
    int cppLineOf(const aio::TraceEvent &event) const;
    // Tags found (tests check that every lesson has some and that each C++ tag has a Python twin).
    QStringList cppTags() const;
    QStringList pythonTags() const;

    // Removes trailing ` # @tag` / ` // @tag` comments (only those), keeping line breaks.
    static QString stripTags(const QString &source, const QString &commentMarker);

private:
    QString m_lessonId;
    QString m_python;
    QString m_cpp;
    QHash<int, QString> m_cppTagAt;      // C++ line -> tag
    QHash<QString, int> m_pythonLineOf;  // tag -> Python line
    QList<Listing> m_liveListings;
};
