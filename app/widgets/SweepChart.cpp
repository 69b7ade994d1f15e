#include "widgets/SweepChart.h"

#include "text/DecimalsOfStep.h"
#include "widgets/LessonLang.h"

#include "player/LessonSession.h"

#include <lessons/param_input.hpp>

#include <QChart>
#include <QtConcurrent/QtConcurrentRun>
#include <QEvent>
#include <QLineSeries>
#include <QLocale>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace {

// Okabe-Ito blue and vermillion: apart for every kind of colour vision, on light and dark.
const QColor curveColour(0x00, 0x72, 0xb2);
const QColor markColour(0xd5, 0x5e, 0x00);

} // namespace

SweepChart::SweepChart(LessonSession *session, QWidget *parent)
    : QChartView(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("sweepChart"));
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(200, 110);

    auto *chart = new QChart;
    chart->legend()->hide();
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->setBackgroundRoundness(0);
    m_series = new QLineSeries(chart);
    m_series->setPointsVisible(true);
    m_marker = new QScatterSeries(chart);
    m_marker->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    m_marker->setMarkerSize(11);
    chart->addSeries(m_series);
    chart->addSeries(m_marker);
    m_x = new QValueAxis(chart);
    m_y = new QValueAxis(chart);
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_y, Qt::AlignLeft);
    for (QAbstractSeries *series : {static_cast<QAbstractSeries *>(m_series), static_cast<QAbstractSeries *>(m_marker)}) {
        series->attachAxis(m_x);
        series->attachAxis(m_y);
    }
    setChart(chart);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(150);
    connect(&m_debounce, &QTimer::timeout, this, &SweepChart::recompute);
    connect(&m_worker, &QFutureWatcher<SweepResult>::finished, this, &SweepChart::onWorkerFinished);
    connect(m_session, &LessonSession::runChanged, this, &SweepChart::onRunChanged);

    applyPalette();
    retranslateUi();
}

QString SweepChart::parameterId() const
{
    const lessons::Lesson *lesson = m_session->lesson();
    if (!lesson || lesson->parameters.empty())
        return {};
    return QString::fromStdString(lesson->sweep.parameter.empty() ? lesson->parameters.front().id
                                                                  : lesson->sweep.parameter);
}

QString SweepChart::sweepKey() const
{
    const lessons::Lesson *lesson = m_session->lesson();
    if (!lesson)
        return {};
    const std::string swept = parameterId().toStdString();
    QString key = QString::fromStdString(lesson->id) + (m_session->pitfall() ? QStringLiteral("|p") : QStringLiteral("|-"));
    for (const auto &[id, value] : m_session->params().values) {
        if (id != swept)
            key += QStringLiteral("|%1=%2").arg(QString::fromStdString(id)).arg(value, 0, 'g', 12);
    }
    return key;
}

void SweepChart::lessonChanged()
{
    m_key.clear();
    m_result = {};
    m_series->clear();
    onRunChanged();
}

void SweepChart::onRunChanged()
{
    updateMarker();
    const QString key = sweepKey();
    if (key != m_key)
        m_debounce.start();
}

SweepChart::~SweepChart()
{
    stopWorker();
}

void SweepChart::recomputeNow()
{
    if (m_debounce.isActive() || m_worker.isRunning() || sweepKey() != m_key) {
        m_debounce.stop();
        stopWorker();
        computeHere();
    }
}

void SweepChart::stopWorker()
{
    ++m_generation;  // whatever it hands back is not wanted any more
    if (m_worker.isRunning()) {
        m_stop->store(true);
        m_worker.waitForFinished();  // at most the run it is in
    }
}

void SweepChart::computeHere()
{
    m_key = sweepKey();
    const lessons::Lesson *lesson = m_session->lesson();
    if (!lesson || !lesson->scenario || parameterId().isEmpty() || !m_session->hasRun())
        applyResult({});
    else
        applyResult(runSweep(*lesson, m_session->params(), m_session->pitfall()));
}

void SweepChart::recompute()
{
    if (m_worker.isRunning()) {
        // Stale already: stop it; its end starts the sweep that is wanted now.
        m_stop->store(true);
        return;
    }
    m_key = sweepKey();
    const lessons::Lesson *lesson = m_session->lesson();
    if (!lesson || !lesson->scenario || parameterId().isEmpty() || !m_session->hasRun()) {
        applyResult({});
        return;
    }
    m_stop = std::make_shared<std::atomic<bool>>(false);
    m_workerGeneration = ++m_generation;
    // Copies: the worker must not read the session, which the next slider move changes.
    const lessons::Params params = m_session->params();
    const bool pitfall = m_session->pitfall();
    std::shared_ptr<const std::atomic<bool>> stop = m_stop;
    m_worker.setFuture(QtConcurrent::run([lesson, params, pitfall, stop] {
        return runSweep(*lesson, params, pitfall, 24, stop.get());
    }));
}

void SweepChart::onWorkerFinished()
{
    const bool wanted = m_workerGeneration == m_generation && !m_stop->load() && m_key == sweepKey();
    if (wanted) {
        applyResult(m_worker.result());
    } else if (m_workerGeneration == m_generation && !m_debounce.isActive()) {
        recompute();  // stopped or stale: the sweep for the current parameters
    }
}

void SweepChart::applyResult(const SweepResult &result)
{
    m_result = result;
    if (m_result.points.isEmpty()) {
        m_series->clear();
    } else {
        ++m_sweeps;
        m_series->replace(QList<QPointF>(m_result.points.begin(), m_result.points.end()));
    }
    updateMarker();
}

void SweepChart::updateMarker()
{
    const lessons::Lesson *lesson = m_session->lesson();
    const QString id = parameterId();
    if (!lesson || id.isEmpty() || !m_session->hasRun()) {
        m_marker->clear();
        m_current = {};
        updateAxes();
        return;
    }
    const lessons::Run &run = m_session->run();
    const double figure = lesson->sweep.measure ? lesson->sweep.measure(run) : run.end_time;
    m_current = QPointF(m_session->parameter(id), figure);
    m_marker->replace(QList<QPointF>{m_current});
    updateAxes();
}

void SweepChart::updateAxes()
{
    const lessons::Lesson *lesson = m_session->lesson();
    const lessons::Parameter *p = lesson ? lessons::find_parameter(*lesson, parameterId().toStdString()) : nullptr;
    if (p) {
        // Ticks on the slider's grid: every d-th step, at most 8 ticks.
        const int steps = std::max(1, int(std::lround((p->max - p->min) / p->step)));
        int every = 1;
        while (steps / every > 7 || steps % every != 0)
            ++every;
        m_x->setRange(p->min, p->max);
        m_x->setTickCount(steps / every + 1);
        m_x->setLabelFormat(QStringLiteral("%.%1f").arg(decimalsOfStep(p->step * every)));
    }
    double top = m_current.y();
    for (const QPointF &point : std::as_const(m_result.points))
        top = std::max(top, point.y());
    // From zero, so that differences are not exaggerated, up to a round number above
    // the highest point, with 2 to 5 intervals of 1, 2 or 5 times a power of ten.
    if (top <= 0)
        top = 1;
    const double raw = top / 4;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double interval = magnitude;
    for (double factor : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        interval = factor * magnitude;
        if (interval >= raw)
            break;
    }
    const int intervals = std::max(1, int(std::ceil(top / interval - 1e-9)));
    m_y->setRange(0, intervals * interval);
    m_y->setTickCount(intervals + 1);
    m_y->setLabelFormat(QStringLiteral("%.%1f").arg(std::max(0, decimalsOfStep(interval))));
    retranslateUi();
}

void SweepChart::applyPalette()
{
    const QPalette pal = palette();
    QChart *c = chart();
    c->setBackgroundBrush(pal.color(QPalette::Base));
    c->setPlotAreaBackgroundVisible(false);
    c->setTitleBrush(pal.color(QPalette::Text));
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    for (QValueAxis *axis : {m_x, m_y}) {
        axis->setLabelsBrush(pal.color(QPalette::Text));
        axis->setTitleBrush(pal.color(QPalette::Text));
        axis->setLabelsFont(small);
        axis->setTitleFont(small);
        c->setTitleFont(small);
        QColor grid = pal.color(QPalette::Text);
        grid.setAlpha(40);
        axis->setGridLineColor(grid);
        axis->setLinePenColor(pal.color(QPalette::Mid));
    }
    QPen pen(curveColour, 2);
    m_series->setPen(pen);
    m_series->setColor(curveColour);
    m_marker->setColor(markColour);
    m_marker->setBorderColor(pal.color(QPalette::Text));
}

void SweepChart::retranslateUi()
{
    const lessons::Lesson *lesson = m_session->lesson();
    const lessons::Lang lang = lessonLang();
    const lessons::Parameter *p = lesson ? lessons::find_parameter(*lesson, parameterId().toStdString()) : nullptr;
    QString yTitle;
    QString xTitle;
    if (p) {
        const QString xUnit = QString::fromStdString(p->unit);
        const QString xLabel = QString::fromStdString(p->label.in(lang));
        xTitle = xUnit.isEmpty() ? xLabel : tr("%1 (%2)").arg(xLabel, xUnit);
        const std::string &figure = lesson->sweep.figure.in(lang);
        const QString yLabel = figure.empty() ? tr("Total run time") : QString::fromStdString(figure);
        const QString yUnit = QString::fromStdString(lesson->sweep.unit);
        yTitle = yUnit.isEmpty() ? yLabel : tr("%1 (%2)").arg(yLabel, yUnit);
    }
    // The figure is the chart's title (a vertical axis title would not fit into a low
    // chart), the parameter the horizontal axis title.
    chart()->setTitle(p ? yTitle : tr("No sweep for this lesson"));
    m_x->setTitleText(xTitle);
    // Decimal commas in German.
    chart()->setLocalizeNumbers(true);
    chart()->setLocale(QLocale());
    setAccessibleName(tr("Sweep plot"));
    setAccessibleDescription(p ? tr("%1 against %2; the square marks the current value").arg(yTitle, xTitle)
                               : chart()->title());
    setToolTip(accessibleDescription());
}

void SweepChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    else if (event->type() == QEvent::PaletteChange)
        applyPalette();
    QChartView::changeEvent(event);
}
