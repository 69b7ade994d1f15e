#include "player/CodeMap.h"

#include <QRegularExpression>
#include <QStringList>

#include <algorithm>
#include <string_view>

namespace {

// The trailing ` <marker> @name` of a line; the name is captured.
QRegularExpression tagPattern(const QString &commentMarker)
{
    return QRegularExpression(QStringLiteral("\\s+") + QRegularExpression::escape(commentMarker)
                              + QStringLiteral("\\s*@([A-Za-z0-9_-]+)\\s*$"));
}

QString fromView(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

// Calls found(line, tag) for every tagged line (1-based).
template <class Found>
void forEachTag(const QString &source, const QString &commentMarker, Found found)
{
    const QRegularExpression pattern = tagPattern(commentMarker);
    const QStringList lines = source.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QRegularExpressionMatch match = pattern.match(lines.at(i));
        if (match.hasMatch())
            found(static_cast<int>(i + 1), match.captured(1));
    }
}

}  // namespace

CodeMap::CodeMap(const lessons::Lesson &lesson)
    : m_lessonId(QString::fromStdString(lesson.id))
{
    const QString python = fromView(lesson.python_source);
    const QString cpp = fromView(lesson.cpp_source);
    const QString hash = QStringLiteral("#");
    const QString slashes = QStringLiteral("//");

    forEachTag(cpp, slashes, [this](int line, const QString &tag) { m_cppTagAt.insert(line, tag); });
    forEachTag(python, hash, [this](int line, const QString &tag) {
        if (!m_pythonLineOf.contains(tag))  // a tag names one Python line: the first
            m_pythonLineOf.insert(tag, line);
    });
    m_python = stripTags(python, hash);
    m_cpp = stripTags(cpp, slashes);
    for (const lessons::Lesson::Listing &listing : lesson.live_listings)
        m_liveListings.append({QString::fromStdString(listing.file), fromView(listing.source),
                               QStringLiteral("python3 lessons/%1/%2 %3")
                                   .arg(QString::fromStdString(lesson.id), QString::fromStdString(listing.file),
                                        QString::fromStdString(listing.arguments))
                                   .trimmed()});
}

int CodeMap::pythonLineForCppLine(int cppLine) const
{
    const auto tag = m_cppTagAt.constFind(cppLine);
    if (tag == m_cppTagAt.constEnd())
        return 0;
    return m_pythonLineOf.value(*tag, 0);
}

int CodeMap::cppLineOf(const aio::TraceEvent &event) const
{
    if (!event.file || m_lessonId.isEmpty())
        return 0;
    const QString file = QString::fromUtf8(event.file);
    const QString own = m_lessonId + QStringLiteral("/scenario.cpp");
    if (file == own || file.endsWith(QLatin1Char('/') + own))
        return static_cast<int>(event.line);
    return 0;
}

QStringList CodeMap::cppTags() const
{
    QList<int> lines = m_cppTagAt.keys();
    std::sort(lines.begin(), lines.end());
    QStringList tags;
    for (int line : lines) {
        const QString tag = m_cppTagAt.value(line);
        if (!tags.contains(tag))
            tags.append(tag);
    }
    return tags;
}

QStringList CodeMap::pythonTags() const
{
    QList<QPair<int, QString>> byLine;
    for (auto it = m_pythonLineOf.constBegin(); it != m_pythonLineOf.constEnd(); ++it)
        byLine.append({it.value(), it.key()});
    std::sort(byLine.begin(), byLine.end());
    QStringList tags;
    for (const auto &entry : byLine)
        tags.append(entry.second);
    return tags;
}

QString CodeMap::stripTags(const QString &source, const QString &commentMarker)
{
    const QRegularExpression pattern = tagPattern(commentMarker);
    QStringList lines = source.split(QLatin1Char('\n'));
    for (QString &line : lines)
        line.remove(pattern);
    return lines.join(QLatin1Char('\n'));
}
