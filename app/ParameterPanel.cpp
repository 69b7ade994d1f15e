#include "ParameterPanel.h"

#include "Language.h"

#include <LessonSession.h>

#include <QCheckBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QStyle>
#include <QVBoxLayout>

#include <cmath>

namespace {

lessons::Lang lessonLang()
{
    return Language::isGerman() ? lessons::Lang::De : lessons::Lang::En;
}

// Decimals that show every value of the step grid exactly (0.125 -> 3, 0.05 -> 2, 1 -> 0).
int decimalsOf(double step)
{
    for (int decimals = 0; decimals < 4; ++decimals) {
        const double scaled = step * std::pow(10.0, decimals);
        if (std::abs(scaled - std::round(scaled)) < 1e-9)
            return decimals;
    }
    return 4;
}

} // namespace

ParameterPanel::ParameterPanel(LessonSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
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
    auto *bottom = new QHBoxLayout;
    m_reset = new QPushButton(this);
    m_reset->setObjectName(QStringLiteral("resetButton"));
    m_reset->setIcon(style()->standardIcon(QStyle::SP_DialogResetButton));
    bottom->addWidget(m_reset);
    bottom->addStretch(1);
    layout->addLayout(bottom);
    layout->addStretch(1);

    connect(m_pitfall, &QCheckBox::toggled, this, [this](bool on) { m_session->setPitfall(on); });
    connect(m_reset, &QPushButton::clicked, m_session, &LessonSession::resetToDefaults);
    connect(m_session, &LessonSession::paramsChanged, this, &ParameterPanel::syncFromSession);

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
    const QString number = QLocale().toString(value, 'f', decimalsOf(parameter.step));
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

    const lessons::Lesson *lesson = m_session->lesson();
    m_builtFor = lesson;
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
    for (const Row &row : m_rows)
        order.append(row.slider);
    order << m_pitfall << m_reset;
    return order;
}

void ParameterPanel::syncFromSession()
{
    // Another lesson was opened: its sliders first.
    if (m_session->lesson() != m_builtFor) {
        rebuild();
        return;
    }
    for (const Row &row : std::as_const(m_rows)) {
        const double value = m_session->parameter(QString::fromStdString(row.parameter->id));
        {
            const QSignalBlocker blocker(row.slider);
            row.slider->setValue(positionOf(*row.parameter, value));
        }
        row.value->setText(formatValue(*row.parameter, value));
        row.slider->setAccessibleDescription(row.value->text());
    }
    const QSignalBlocker blocker(m_pitfall);
    m_pitfall->setChecked(m_session->pitfall());
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
        row.value->setText(formatValue(p, m_session->parameter(QString::fromStdString(p.id))));
    }
    m_noParameters->setText(tr("This lesson has no parameters."));
    const lessons::Lesson *lesson = m_session->lesson();
    const QString pitfall = lesson ? QString::fromStdString(lesson->pitfall.in(lang)) : QString();
    m_heading->setText(tr("Parameters"));
    m_pitfall->setText(tr("Pitfall"));
    m_pitfallText->setText(pitfall);
    m_pitfall->setAccessibleName(tr("Pitfall: %1").arg(pitfall));
    m_pitfall->setToolTip(tr("Run the variant of the program that shows what goes wrong"));
    m_reset->setText(tr("Reset"));
    m_reset->setAccessibleName(tr("Reset parameters to their defaults"));
    m_reset->setToolTip(tr("All sliders back to their defaults, pitfall off"));
}

void ParameterPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}
