#include "widgets/ParameterPanel.h"

#include "text/DecimalsOfStep.h"
#include "widgets/LessonLang.h"
#include "player/LiveController.h"

#include "player/LessonSession.h"

#include <QCheckBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QStyle>
#include <QVBoxLayout>

#include <cmath>

ParameterPanel::ParameterPanel(LessonSession *session, LiveController *live, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_live(live)
{
    setObjectName(QStringLiteral("parameterPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 4);
    layout->setSpacing(4);

    m_heading = new QLabel(this);
    QFont bold = m_heading->font();
    bold.setBold(true);
    m_heading->setFont(bold);
    layout->addWidget(m_heading);

    // Model | Live: shown only for a lesson with a live variant.
    m_modeRow = new QWidget(this);
    auto *modeLayout = new QHBoxLayout(m_modeRow);
    modeLayout->setContentsMargins(0, 0, 0, 4);
    m_model = new QRadioButton(m_modeRow);
    m_model->setObjectName(QStringLiteral("modelMode"));
    m_model->setChecked(true);
    m_liveButton = new QRadioButton(m_modeRow);
    m_liveButton->setObjectName(QStringLiteral("liveMode"));
    modeLayout->addWidget(m_model);
    modeLayout->addWidget(m_liveButton);
    modeLayout->addStretch(1);
    layout->addWidget(m_modeRow);

    // HTTP/1.1 | HTTP/2: live mode of the http lesson only (a row of its own, so the two
    // buttons exclude each other and not the mode switch).
    m_protocolRow = new QWidget(this);
    auto *protocolLayout = new QHBoxLayout(m_protocolRow);
    protocolLayout->setContentsMargins(0, 0, 0, 4);
    m_http1 = new QRadioButton(m_protocolRow);
    m_http1->setObjectName(QStringLiteral("http1Protocol"));
    m_http1->setChecked(true);
    m_http2 = new QRadioButton(m_protocolRow);
    m_http2->setObjectName(QStringLiteral("http2Protocol"));
    protocolLayout->addWidget(m_http1);
    protocolLayout->addWidget(m_http2);
    protocolLayout->addStretch(1);
    layout->addWidget(m_protocolRow);

    // The database of a live run of the database lesson: SQLite needs nothing, PostgreSQL a URL.
    m_databaseRow = new QWidget(this);
    auto *databaseLayout = new QVBoxLayout(m_databaseRow);
    databaseLayout->setContentsMargins(0, 0, 0, 4);
    databaseLayout->setSpacing(2);
    m_databaseLabel = new QLabel(m_databaseRow);
    m_database = new QLineEdit(m_databaseRow);
    m_database->setObjectName(QStringLiteral("liveDatabase"));
    m_database->setClearButtonEnabled(true);
    m_databaseLabel->setBuddy(m_database);
    databaseLayout->addWidget(m_databaseLabel);
    databaseLayout->addWidget(m_database);
    layout->addWidget(m_databaseRow);

    m_rowsHost = new QWidget(this);
    m_grid = new QGridLayout(m_rowsHost);
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setHorizontalSpacing(6);
    m_grid->setVerticalSpacing(0);
    m_grid->setColumnStretch(0, 1);
    layout->addWidget(m_rowsHost);

    m_noParameters = new QLabel(this);
    m_noParameters->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_noParameters);

    // The switch says "Pitfall"; what the pitfall is follows in a label that wraps
    // (a check box's text cannot wrap, and the column is narrow).
    layout->addSpacing(4);
    m_pitfall = new QCheckBox(this);
    m_pitfall->setObjectName(QStringLiteral("pitfallSwitch"));
    layout->addWidget(m_pitfall);
    m_pitfallText = new QLabel(this);
    m_pitfallText->setObjectName(QStringLiteral("pitfallText"));
    m_pitfallText->setWordWrap(true);
    m_pitfallText->setIndent(QFontMetrics(font()).height() + 4);
    m_pitfallText->setBuddy(m_pitfall);
    layout->addWidget(m_pitfallText);
    layout->addSpacing(4);

    // Live mode: Run, Stop and what happens.
    m_runRow = new QWidget(this);
    auto *runLayout = new QVBoxLayout(m_runRow);
    runLayout->setContentsMargins(0, 0, 0, 4);
    runLayout->setSpacing(2);
    auto *buttons = new QHBoxLayout;
    m_run = new QPushButton(m_runRow);
    m_run->setObjectName(QStringLiteral("liveRunButton"));
    m_run->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_stop = new QPushButton(m_runRow);
    m_stop->setObjectName(QStringLiteral("liveStopButton"));
    m_stop->setIcon(style()->standardIcon(QStyle::SP_MediaStop));
    buttons->addWidget(m_run);
    buttons->addWidget(m_stop);
    buttons->addStretch(1);
    runLayout->addLayout(buttons);
    m_status = new QLabel(m_runRow);
    m_status->setObjectName(QStringLiteral("liveStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    runLayout->addWidget(m_status);
    layout->addWidget(m_runRow);
    auto *bottom = new QHBoxLayout;
    m_reset = new QPushButton(this);
    m_reset->setObjectName(QStringLiteral("resetButton"));
    m_reset->setIcon(style()->standardIcon(QStyle::SP_DialogResetButton));
    bottom->addWidget(m_reset);
    bottom->addStretch(1);
    layout->addLayout(bottom);
    layout->addStretch(1);

    connect(m_pitfall, &QCheckBox::toggled, this, [this](bool on) {
        if (liveMode())
            m_live->setPitfall(on);
        else
            m_session->setPitfall(on);
    });
    connect(m_reset, &QPushButton::clicked, this, [this] {
        if (liveMode())
            m_live->resetToDefaults();
        else
            m_session->resetToDefaults();
    });
    connect(m_session, &LessonSession::paramsChanged, this, &ParameterPanel::syncFromSession);
    if (m_live) {
        connect(m_liveButton, &QRadioButton::toggled, m_live, &LiveController::setLiveMode);
        connect(m_http2, &QRadioButton::toggled, m_live, [this](bool on) {
            m_live->setProtocol(on ? live::HttpSession::Protocol::Http2 : live::HttpSession::Protocol::Http1);
        });
        connect(m_database, &QLineEdit::editingFinished, m_live, [this] { m_live->setDatabase(m_database->text()); });
        connect(m_run, &QPushButton::clicked, m_live, [this] {
            // The field counts as typed, even if the learner pressed Run without leaving it.
            m_live->setDatabase(m_database->text());
            m_live->start();
        });
        connect(m_stop, &QPushButton::clicked, m_live, &LiveController::stop);
        connect(m_live, &LiveController::paramsChanged, this, &ParameterPanel::syncFromSession);
        connect(m_live, &LiveController::liveModeChanged, this, &ParameterPanel::rebuild);
        connect(m_live, &LiveController::statusChanged, this, &ParameterPanel::updateLiveControls);
        connect(m_live, &LiveController::runningChanged, this, &ParameterPanel::updateLiveControls);
    }

    rebuild();
}

int ParameterPanel::positionOf(const lessons::Parameter &parameter, double value)
{
    if (parameter.step <= 0)
        return 0;
    return int(std::lround((value - parameter.min) / parameter.step));
}

double ParameterPanel::valueAt(const lessons::Parameter &parameter, int position)
{
    const double value = parameter.min + position * parameter.step;
    return std::clamp(value, parameter.min, parameter.max);
}

QString ParameterPanel::formatValue(const lessons::Parameter &parameter, double value)
{
    // A parameter from 0 to 1 in whole steps without a unit is a switch (debug mode).
    if (parameter.min == 0 && parameter.max == 1 && parameter.step == 1 && parameter.unit.empty())
        return value >= 0.5 ? tr("on") : tr("off");
    const QString number = QLocale().toString(value, 'f', decimalsOfStep(parameter.step));
    const QString unit = QString::fromStdString(parameter.unit);
    if (unit.isEmpty())
        return number;
    // "8/s", but "0.3 s".
    return unit.startsWith(QLatin1Char('/')) ? number + unit : number + QLatin1Char(' ') + unit;
}

void ParameterPanel::rebuild()
{
    for (const Row &row : std::as_const(m_rows)) {
        delete row.name;
        delete row.value;
        delete row.slider;
    }
    m_rows.clear();

    const lessons::Lesson *lesson = shownLesson();
    m_builtFor = m_session->lesson();
    m_builtLive = liveMode();
    if (lesson) {
        int index = 0;
        for (const lessons::Parameter &parameter : lesson->parameters) {
            Row row;
            row.parameter = &parameter;
            row.name = new QLabel(m_rowsHost);
            row.name->setWordWrap(true);
            row.value = new QLabel(m_rowsHost);
            row.value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
            row.value->setObjectName(QStringLiteral("value_%1").arg(QString::fromStdString(parameter.id)));
            row.slider = new QSlider(Qt::Horizontal, m_rowsHost);
            row.slider->setObjectName(QStringLiteral("param_%1").arg(QString::fromStdString(parameter.id)));
            row.slider->setRange(0, positionOf(parameter, parameter.max));
            row.slider->setSingleStep(1);
            row.slider->setPageStep(1);
            row.slider->setTickPosition(QSlider::NoTicks);
            row.name->setBuddy(row.slider);
            m_grid->addWidget(row.name, index * 2, 0, Qt::AlignBottom);
            m_grid->addWidget(row.value, index * 2, 1, Qt::AlignBottom);
            m_grid->addWidget(row.slider, index * 2 + 1, 0, 1, 2);
            // Shown now, not at the next event loop pass (a layout shows new children late).
            row.name->show();
            row.value->show();
            row.slider->show();
            connect(row.slider, &QSlider::valueChanged, this, [this, p = &parameter](int position) {
                // Live: only the value changes; Run starts the run.
                if (liveMode())
                    m_live->setParameter(QString::fromStdString(p->id), valueAt(*p, position));
                else
                    m_session->setParameter(QString::fromStdString(p->id), valueAt(*p, position));
            });
            m_rows.append(row);
            ++index;
        }
    }
    m_pitfall->setVisible(lesson && lesson->has_pitfall);
    m_pitfallText->setVisible(lesson && lesson->has_pitfall);
    m_noParameters->setVisible(m_rows.isEmpty());
    m_reset->setEnabled(!m_rows.isEmpty() || (lesson && lesson->has_pitfall));
    {
        const QSignalBlocker modelBlocker(m_model);
        const QSignalBlocker liveBlocker(m_liveButton);
        m_model->setChecked(!liveMode());
        m_liveButton->setChecked(liveMode());
    }
    m_modeRow->setVisible(m_live && m_live->available());
    m_protocolRow->setVisible(liveMode() && m_live->liveLesson()->id == "http");
    m_databaseRow->setVisible(liveMode() && m_live->isDatabaseLesson());
    updateLiveControls();

    // Tab order: the sliders row by row, then the switch and the reset button.
    const QList<QWidget *> order = focusOrder();
    for (qsizetype i = 1; i < order.size(); ++i)
        setTabOrder(order.at(i - 1), order.at(i));

    retranslateUi();
    syncFromSession();
}

QList<QWidget *> ParameterPanel::focusOrder() const
{
    QList<QWidget *> order;
    order << m_model << m_liveButton << m_http1 << m_http2 << m_database;
    for (const Row &row : m_rows)
        order.append(row.slider);
    order << m_pitfall << m_run << m_stop << m_reset;
    return order;
}

bool ParameterPanel::liveMode() const
{
    return m_live && m_live->liveMode();
}

const lessons::Lesson *ParameterPanel::shownLesson() const
{
    return liveMode() ? m_live->liveLesson() : m_session->lesson();
}

double ParameterPanel::shownValue(const lessons::Parameter &parameter) const
{
    const QString id = QString::fromStdString(parameter.id);
    return liveMode() ? m_live->parameter(id) : m_session->parameter(id);
}

void ParameterPanel::updateLiveControls()
{
    const bool live = liveMode();
    m_runRow->setVisible(live);
    if (!m_live)
        return;
    const bool running = m_live->running();
    m_run->setEnabled(live && !running);
    m_stop->setEnabled(live && running && m_live->status() != LiveController::Status::Stopping);
    m_status->setText(m_live->statusText());
    // Values can be set while a run goes on (they count for the next one); the pitfall too.
}

void ParameterPanel::syncFromSession()
{
    // Another lesson was opened, or the mode changed: its sliders first.
    if (m_session->lesson() != m_builtFor || liveMode() != m_builtLive) {
        rebuild();
        return;
    }
    for (const Row &row : std::as_const(m_rows)) {
        const double value = shownValue(*row.parameter);
        {
            const QSignalBlocker blocker(row.slider);
            row.slider->setValue(positionOf(*row.parameter, value));
        }
        row.value->setText(formatValue(*row.parameter, value));
        row.slider->setAccessibleDescription(row.value->text());
    }
    const QSignalBlocker blocker(m_pitfall);
    m_pitfall->setChecked(liveMode() ? m_live->pitfall() : m_session->pitfall());
    if (m_live) {
        const QSignalBlocker http1Blocker(m_http1);
        const QSignalBlocker http2Blocker(m_http2);
        const bool http2 = m_live->protocol() == live::HttpSession::Protocol::Http2;
        m_http1->setChecked(!http2);
        m_http2->setChecked(http2);
        // "sqlite" is what an empty field means: show the placeholder instead.
        const QString database = m_live->database() == QLatin1String("sqlite") ? QString() : m_live->database();
        if (m_database->text().trimmed() != database && !m_database->hasFocus())
            m_database->setText(database);
    }
}

void ParameterPanel::retranslateUi()
{
    const lessons::Lang lang = lessonLang();
    for (const Row &row : std::as_const(m_rows)) {
        const lessons::Parameter &p = *row.parameter;
        const QString label = QString::fromStdString(p.label.in(lang));
        row.name->setText(label);
        row.slider->setAccessibleName(label);
        row.slider->setToolTip(tr("%1: from %2 to %3").arg(label, formatValue(p, p.min), formatValue(p, p.max)));
        row.value->setText(formatValue(p, shownValue(p)));
    }
    m_noParameters->setText(tr("This lesson has no parameters."));
    // Live mode may have a pitfall of its own (the HTTP lesson: a new session per request).
    const lessons::Lesson *lesson = shownLesson();
    const QString pitfall = lesson ? QString::fromStdString(lesson->pitfall.in(lang)) : QString();
    m_heading->setText(tr("Parameters"));
    m_pitfall->setText(tr("Pitfall"));
    m_pitfallText->setText(pitfall);
    m_pitfall->setAccessibleName(tr("Pitfall: %1").arg(pitfall));
    m_pitfall->setToolTip(tr("Run the variant of the program that shows what goes wrong"));
    m_reset->setText(tr("Reset"));
    m_reset->setAccessibleName(tr("Reset parameters to their defaults"));
    m_reset->setToolTip(tr("All sliders back to their defaults, pitfall off"));
    m_model->setText(tr("Model"));
    m_model->setAccessibleName(tr("Model: the program in virtual time"));
    m_model->setToolTip(tr("The model of the program: a run in virtual time, the same every time"));
    m_liveButton->setText(tr("Live"));
    m_liveButton->setAccessibleName(tr("Live: the same program for real"));
    m_liveButton->setToolTip(tr("The same program for real, in real time: real requests, a real database"));
    m_http1->setText(tr("HTTP/1.1"));
    m_http1->setAccessibleName(tr("HTTP/1.1: one request per connection at a time"));
    m_http1->setToolTip(tr("As aiohttp does: each request needs a connection of its own while it is on the way"));
    m_http2->setText(tr("HTTP/2"));
    m_http2->setAccessibleName(tr("HTTP/2: every request on one connection"));
    m_http2->setToolTip(tr("As httpx does: all requests share one connection to an HTTP/2 front (nghttpx) "
                           "in front of the demo server"));
    m_databaseLabel->setText(tr("&Database:"));
    m_database->setPlaceholderText(tr("SQLite (empty) or postgresql://user:password@host/db"));
    m_database->setAccessibleName(tr("Database of the live run"));
    m_database->setToolTip(tr("Empty: SQLite in a new file in a temporary folder, nothing to set up. "
                              "A file path: that SQLite file. A postgresql:// URL: your PostgreSQL server."));
    m_run->setText(tr("Run"));
    m_run->setAccessibleName(tr("Start a live run"));
    m_run->setToolTip(tr("Start a live run with these values (Ctrl+R)"));
    m_stop->setText(tr("Stop"));
    m_stop->setAccessibleName(tr("Stop the live run"));
    m_stop->setToolTip(tr("Cancel every task of the live run (Esc)"));
    m_status->setAccessibleName(tr("Live run status"));
    if (m_live)
        m_status->setText(m_live->statusText());
}

void ParameterPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}
