#include "cli/LessonCommands.h"

#include "cli/Print.h"
#include "cli/AssignedParams.h"
#include "cli/Complain.h"
#include "cli/TraceJsonFile.h"
#include "cli/TraceCommand.h"

#include <lessons/param_input.hpp>
#include <trace/text_log.hpp>
#include <trace/trace_file.hpp>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <algorithm>
#include <exception>
#include <map>
#include <string>

namespace {

lessons::Lang langOf(const Invocation &invocation)
{
    return invocation.language == QLatin1String("de") ? lessons::Lang::De : lessons::Lang::En;
}

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

// Bytes to stdout / stderr exactly as given (the log is compared byte for byte).
QJsonObject textObject(const lessons::Text &text)
{
    return {{QStringLiteral("de"), qs(text.de)}, {QStringLiteral("en"), qs(text.en)}};
}

} // namespace

QString LessonCommands::listing(lessons::Lang lang)
{
    const auto &all = lessons::registry();
    qsizetype width = 0;
    for (const lessons::Lesson *lesson : all)
        width = std::max(width, static_cast<qsizetype>(lesson->id.size()));

    QString out;
    int number = 0;
    for (const lessons::Lesson *lesson : all) {
        ++number;
        QString line = QString::number(number) + QStringLiteral(". ")
                       + qs(lesson->id).leftJustified(width) + QStringLiteral("  ") + qs(lesson->title.in(lang));
        if (lesson->placeholder)
            line += QLatin1Char(' ') + tr("(comes later, with the live demos)");
        out += line + QLatin1Char('\n');
    }
    return out;
}

QString LessonCommands::listingJson()
{
    QJsonArray list;
    for (const lessons::Lesson *lesson : lessons::registry()) {
        QJsonArray parameters;
        for (const lessons::Parameter &p : lesson->parameters) {
            parameters.append(QJsonObject{
                {QStringLiteral("id"), qs(p.id)},
                {QStringLiteral("label"), textObject(p.label)},
                {QStringLiteral("min"), p.min},
                {QStringLiteral("max"), p.max},
                {QStringLiteral("step"), p.step},
                {QStringLiteral("default"), p.default_value},
                {QStringLiteral("unit"), qs(p.unit)},
                {QStringLiteral("integer"), p.integer()},
            });
        }
        list.append(QJsonObject{
            {QStringLiteral("id"), qs(lesson->id)},
            {QStringLiteral("title"), textObject(lesson->title)},
            {QStringLiteral("placeholder"), lesson->placeholder},
            {QStringLiteral("has_pitfall"), lesson->has_pitfall},
            {QStringLiteral("pitfall"), textObject(lesson->pitfall)},
            {QStringLiteral("parameters"), parameters},
        });
    }
    const QJsonObject root{{QStringLiteral("lessons"), list}};
    return QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Indented));
}

QString LessonCommands::quizText(const lessons::Lesson &lesson, const lessons::Run &run,
                                 const lessons::Params &params, bool pitfall, lessons::Lang lang)
{
    if (!lesson.quiz)
        return tr("This lesson has no quiz.") + QLatin1Char('\n');
    const std::vector<lessons::QuizQuestion> questions = lesson.quiz(run, params, pitfall);
    QString out;
    int number = 0;
    for (const lessons::QuizQuestion &q : questions) {
        if (number > 0)
            out += QLatin1Char('\n');
        ++number;
        out += QString::number(number) + QStringLiteral(". ") + qs(q.question.in(lang)) + QLatin1Char('\n');
        char letter = 'a';
        for (const lessons::Text &choice : q.choices) {
            out += QStringLiteral("   ") + QLatin1Char(letter) + QStringLiteral(") ") + qs(choice.in(lang)) + QLatin1Char('\n');
            ++letter;
        }
        //: Before the answer a quiz question computed from the run
        out += QStringLiteral("   ") + tr("Answer: %1").arg(qs(q.answer.in(lang))) + QLatin1Char('\n');
        const QString explanation = qs(q.explanation.in(lang));
        if (!explanation.isEmpty())
            out += QStringLiteral("   ") + explanation + QLatin1Char('\n');
    }
    return out;
}

QString LessonCommands::deadlockReport(const lessons::Run &run)
{
    return TraceCommand::deadlockReport(*run.recorder);
}

int LessonCommands::list(const Invocation &invocation)
{
    print(stdout, invocation.json ? listingJson() : listing(langOf(invocation)));
    return 0;
}

int LessonCommands::run(const Invocation &invocation)
{
    const lessons::Lesson *lesson = lessons::find(invocation.lessonId.toStdString());
    if (!lesson || lesson->placeholder) {
        complain(tr("internal error: the lesson '%1' cannot run").arg(invocation.lessonId));
        return 1;
    }

    lessons::Params params = assignedParams(*lesson, invocation.assignments);

    // Refuse a trace file that cannot be written before running, so nothing is printed in vain.
    const TraceJsonFile traceFile(invocation.traceJsonPath);
    const TraceJsonFile savedFile(invocation.savePath, TraceJsonFile::Format::Dirigent);
    for (const TraceJsonFile *file : {&traceFile, &savedFile}) {
        if (const QString problem = file->check(); !problem.isEmpty()) {
            complain(problem);
            return 2;
        }
    }

    lessons::Run result;
    try {
        result = lessons::run(*lesson, params, invocation.pitfall);
    } catch (const std::exception &e) {
        complain(tr("the lesson '%1' could not run: %2").arg(invocation.lessonId, QString::fromUtf8(e.what())));
        return 1;
    }

    // Python's warnings (a coroutine never awaited) on stderr, where Python prints them.
    if (!result.warnings.empty())
        print(stderr, QByteArray::fromStdString(result.warnings));
    if (result.deadlock)
        print(stderr, deadlockReport(result));

    const bool printLog = invocation.showLog || !invocation.quiz;
    if (printLog)
        print(stdout, QByteArray::fromStdString(result.log));
    if (invocation.quiz) {
        if (printLog)
            print(stdout, QByteArray("\n"));
        print(stdout, quizText(*lesson, result, params, invocation.pitfall, langOf(invocation)));
    }
    std::fflush(stdout);

    if (traceFile.wanted()) {
        if (const QString problem = traceFile.write(*result.recorder); !problem.isEmpty()) {
            complain(problem);
            return 1;
        }
    }
    if (savedFile.wanted()) {
        trace::TraceHeader header;
        header.values["lesson"] = invocation.lessonId.toStdString();
        header.values["clock"] = "virtual";
        header.values["writer"] = "dirigent run";
        if (const QString problem = savedFile.write(*result.recorder, &header); !problem.isEmpty()) {
            complain(problem);
            return 1;
        }
    }
    return 0;
}
