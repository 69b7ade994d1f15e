#include "player/LessonSession.h"

#include "player/ProgramLesson.h"

#include <lessons/param_input.hpp>

#include <QFile>

#include <utility>

namespace {

// The time a program may run in virtual time: a busy loop that never awaits ends here.
constexpr int virtualRunLimitMs = 60000;

} // namespace

LessonSession::LessonSession(QObject *parent)
    : QObject(parent)
{
    m_growth.setSingleShot(true);
    m_growth.setInterval(50);
    connect(&m_growth, &QTimer::timeout, this, &LessonSession::externalRunGrew);
    makeTracer();
}

void LessonSession::makeTracer()
{
    m_tracer = new ProgramTracer(this);
    connect(m_tracer, &ProgramTracer::eventsAdded, this, [this] {
        if (!m_growth.isActive())
            m_growth.start();
    });
    connect(m_tracer, &ProgramTracer::finished, this, &LessonSession::onProgramFinished);
}

LessonSession::~LessonSession()
{
    // The seeker refers to the run's recorder: it goes first.
    m_seeker.reset();
}

bool LessonSession::open(const QString &lessonId)
{
    const lessons::Lesson *lesson = lessons::find(lessonId.toStdString());
    if (!lesson || lesson->placeholder || !lesson->scenario)
        return false;
    leaveProgram();
    m_lesson = lesson;
    m_params = lessons::defaults(*lesson);
    m_pitfall = false;
    emit paramsChanged();
    rerun();
    return true;
}

QString LessonSession::lessonId() const
{
    return m_lesson ? QString::fromStdString(m_lesson->id) : QString();
}

double LessonSession::parameter(const QString &id) const
{
    const auto it = m_params.values.find(id.toStdString());
    return it == m_params.values.end() ? 0.0 : it->second;
}

void LessonSession::setParameter(const QString &id, double value)
{
    if (!m_lesson)
        return;
    const std::string key = id.toStdString();
    const lessons::Parameter *parameter = lessons::find_parameter(*m_lesson, key);
    if (!parameter)
        return;
    // snap() rounds to the slider's grid (min + k * step) and clamps to [min, max].
    const double snapped = lessons::snap(*parameter, value);
    double &current = m_params.values[key];
    if (current == snapped)
        return;
    current = snapped;
    emit paramsChanged();
    rerun();
}

void LessonSession::setPitfall(bool on)
{
    if (!m_lesson || on == m_pitfall || (on && !m_lesson->has_pitfall))
        return;
    m_pitfall = on;
    emit paramsChanged();
    rerun();
}

void LessonSession::resetToDefaults()
{
    if (!m_lesson)
        return;
    lessons::Params defaults = lessons::defaults(*m_lesson);
    if (defaults.values == m_params.values && !m_pitfall)
        return;
    m_params = std::move(defaults);
    m_pitfall = false;
    emit paramsChanged();
    rerun();
}

std::vector<lessons::QuizQuestion> LessonSession::quiz() const
{
    if (!m_lesson || !m_lesson->quiz || !hasRun())
        return {};
    if (m_external)
        return m_modelRun.recorder ? m_lesson->quiz(m_modelRun, m_params, m_pitfall)
                                   : std::vector<lessons::QuizQuestion>{};
    return m_lesson->quiz(m_run, m_params, m_pitfall);
}

void LessonSession::beginExternalRun(std::shared_ptr<trace::Recorder> recorder)
{
    if (!m_lesson || !recorder)
        return;
    lessons::Run next;
    next.recorder = std::move(recorder);
    if (!m_external)
        m_modelRun = m_run;
    // The seeker indexes what is there now; later events are indexed by the seeks that reach them.
    auto nextSeeker = std::make_unique<trace::StateSeeker>(*next.recorder);
    std::swap(m_run, next);
    std::swap(m_seeker, nextSeeker);
    m_external = true;
    m_externalRunning = true;
    ++m_runCount;
    emit runChanged();
    nextSeeker.reset();
}

void LessonSession::externalRunGrew()
{
    if (externalRunning())
        emit runGrew();
}

void LessonSession::endExternalRun(std::string log, double endTime, std::string error)
{
    if (!externalRunning())
        return;
    m_run.log = std::move(log);
    m_run.end_time = endTime;
    m_run.error = std::move(error);
    m_externalRunning = false;
    m_seeker->index();
    emit runGrew();
    emit externalRunEnded();
}

void LessonSession::showModelRun()
{
    if (!m_lesson || !m_external || m_program)
        return;
    rerun();
}

void LessonSession::leaveProgram()
{
    if (!m_program)
        return;
    m_growth.stop();
    m_tracer->disconnect(this, nullptr);
    m_tracer->stop();
    m_program.reset();
    m_retiredPrograms.clear();
    // A fresh tracer: the stopped run's signals must not reach the lesson that comes now.
    m_tracer->deleteLater();
    makeTracer();
}

void LessonSession::enterProgram(std::shared_ptr<ProgramLesson> program)
{
    leaveProgram();
    m_program = std::move(program);
    m_lesson = &m_program->lesson();
    m_params = lessons::defaults(*m_lesson);
    m_pitfall = false;
    m_programMayRun = false;
    emit paramsChanged();
}

void LessonSession::openProgram(std::shared_ptr<ProgramLesson> program, bool run)
{
    if (!program)
        return;
    enterProgram(std::move(program));
    if (run) {
        runProgram();
        return;
    }
    // Nothing ran yet: an empty, ended run, so the views have something to show.
    beginExternalRun(std::make_shared<trace::Recorder>());
    endExternalRun({}, 0, {});
}

void LessonSession::openTrace(std::shared_ptr<ProgramLesson> program, std::shared_ptr<trace::Recorder> recorder)
{
    if (!program || !recorder)
        return;
    enterProgram(std::move(program));
    const double end = recorder->empty() ? 0.0 : double(recorder->back().time_ns) / 1e9;
    beginExternalRun(std::move(recorder));
    endExternalRun({}, end, {});
}

bool LessonSession::setProgramSource(const QString &text, QString *error)
{
    if (!m_program || text == m_program->source())
        return false;
    QList<ProgramTracer::Constant> constants;
    QString problem;
    QTemporaryDir folder;
    const QString path = folder.filePath(QStringLiteral("source.py"));
    QFile file(path);
    bool parsed = file.open(QIODevice::WriteOnly) && file.write(text.toUtf8()) >= 0 && file.flush();
    file.close();
    parsed = parsed && ProgramTracer::readConstants(m_program->path(), path, &constants, &problem);
    if (!parsed) {
        // The sliders stay as they are; the run will say what is wrong with the text.
        constants = m_program->constants();
        if (error)
            *error = problem;
    }
    auto next = std::make_shared<ProgramLesson>(m_program->path(), text, constants);
    const bool same = lessons::defaults(next->lesson()).values == lessons::defaults(*m_lesson).values;
    lessons::Params params = lessons::defaults(next->lesson());
    if (same)
        params = m_params; // the same constants with the same values: the sliders stay where they are
    // A new lesson, so that the panels see that it changed; the old one stays alive while the
    // program is open, since panels keep pointers into it (its text, its sliders' parameters).
    m_retiredPrograms.push_back(m_program);
    m_program = std::move(next);
    m_lesson = &m_program->lesson();
    m_params = std::move(params);
    if (!same)
        emit paramsChanged();
    return !same;
}

void LessonSession::runProgram()
{
    if (!m_program)
        return;
    // The run runs what the editor shows, saved or not.
    QString source;
    if (m_sourceFolder.isValid()) {
        source = m_sourceFolder.filePath(QStringLiteral("program.py"));
        QFile file(source);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(m_program->source().toUtf8()) < 0
            || !file.flush())
            source.clear();
    }
    ProgramTracer::Options options;
    options.program = m_program->path();
    options.source = source;
    options.realTime = m_realTime;
    options.assignments = m_program->assignments(m_params);
    options.timeLimitMs = m_realTime ? -1 : virtualRunLimitMs;
    options.forwardStderr = false;
    m_growth.stop();
    m_programMayRun = true;
    m_tracer->start(options); // ends a run going on (its finished() comes first)
    beginExternalRun(m_tracer->recorderHandle());
    emit programStatusChanged();
    if (!m_tracer->running())
        onProgramFinished(); // it could not start (no python3, no harness)
}

void LessonSession::stopProgram()
{
    m_tracer->stop();
}

void LessonSession::onProgramFinished()
{
    m_growth.stop();
    if (externalRunning() && m_run.recorder.get() == &m_tracer->recorder()) {
        const trace::Recorder &recorder = m_tracer->recorder();
        std::string error;
        if (!recorder.empty() && recorder.back().kind == aio::TraceEventKind::RunEnd
            && recorder.back().outcome == aio::Outcome::Exception)
            error = recorder.back().text;
        const double end = recorder.empty() ? 0.0 : double(recorder.back().time_ns) / 1e9;
        endExternalRun({}, end, std::move(error));
    }
    emit programStatusChanged();
}

void LessonSession::rerun()
{
    if (m_program) {
        // A program that has not been allowed to run yet waits for runProgram().
        if (m_programMayRun)
            runProgram();
        return;
    }

    m_external = false;
    m_externalRunning = false;
    m_modelRun = {};
    lessons::Run next = lessons::run(*m_lesson, m_params, m_pitfall);
    // The seeker indexes the whole trace in its constructor, so every later seek is cheap.
    auto nextSeeker = std::make_unique<trace::StateSeeker>(*next.recorder);

    // Swap, but keep the previous run and seeker alive until every slot of runChanged()
    // has let go of them (a view may still read its old state before it refreshes).
    std::swap(m_run, next);
    std::swap(m_seeker, nextSeeker);
    ++m_runCount;
    emit runChanged();
    nextSeeker.reset();  // the old seeker before the old recorder it points into
}
