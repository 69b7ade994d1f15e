#include "MainWindow.h"

#include <QEvent>
#include <QFont>
#include <QLabel>
#include <QBoxLayout>

namespace {

// The welcome text wraps at this width: a comfortable line length. It is fixed because
// a layout that centres a word-wrapped label would shrink it to the label's size hint.
constexpr int summaryWidth = 560;

QLabel *makeLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setAlignment(Qt::AlignCenter);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    // The title names the program and its version; it is the same in every language.
    setWindowTitle(QStringLiteral("Dirigent " DIRIGENT_VERSION));

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(32, 32, 32, 32);
    layout->setSpacing(16);

    m_heading = makeLabel(QStringLiteral("welcomeHeading"), central);
    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 2.0);
    headingFont.setBold(true);
    m_heading->setFont(headingFont);

    m_summary = makeLabel(QStringLiteral("welcomeSummary"), central);
    m_summary->setWordWrap(true);
    m_summary->setFixedWidth(summaryWidth);
    QFont summaryFont = m_summary->font();
    summaryFont.setPointSizeF(summaryFont.pointSizeF() * 1.15);
    m_summary->setFont(summaryFont);

    m_outlook = makeLabel(QStringLiteral("welcomeOutlook"), central);
    m_outlook->setForegroundRole(QPalette::PlaceholderText);

    layout->addStretch(1);
    layout->addWidget(m_heading, 0, Qt::AlignHCenter);
    // A row of its own, so that the label's height follows its width: a vertical layout
    // would ask for the height at the full window width and cut off the last line.
    auto *summaryRow = new QHBoxLayout;
    summaryRow->addStretch(1);
    summaryRow->addWidget(m_summary);
    summaryRow->addStretch(1);
    layout->addLayout(summaryRow);
    layout->addSpacing(8);
    layout->addWidget(m_outlook, 0, Qt::AlignHCenter);
    layout->addStretch(1);

    setCentralWidget(central);
    resize(780, 480);
    retranslateUi();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslateUi()
{
    m_heading->setText(tr("Welcome to Dirigent"));
    m_summary->setText(
        tr("Dirigent shows how async/await works, the way Python's asyncio does it. "
           "Open a lesson, press play and watch the event loop hand the word from task to task: "
           "who runs, who sleeps until when, who waits on which queue or semaphore, "
           "where a cancellation lands and how an exception travels."));
    m_outlook->setText(tr("Lessons and live demos will appear here soon."));
}
