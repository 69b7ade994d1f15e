#include "widgets/ProgramPanel.h"

#include "code/ProgramEditor.h"
#include "player/LessonSession.h"
#include "player/ProgramLesson.h"
#include "player/ProgramTracer.h"

#include <aio/trace_event.hpp>

#include <QCheckBox>
#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QVBoxLayout>

ProgramPanel::ProgramPanel(LessonSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("programPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0); // the tab has its frame; the column stays narrow

    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("programNotice"));
    m_notice->setWordWrap(true);
    m_notice->setTextFormat(Qt::RichText);
    m_notice->setFrameShape(QFrame::StyledPanel);
    m_notice->setMargin(6);
    m_notice->setAutoFillBackground(true);
    QPalette noticePalette = m_notice->palette();
    noticePalette.setColor(QPalette::Window, noticePalette.color(QPalette::ToolTipBase));
    noticePalette.setColor(QPalette::WindowText, noticePalette.color(QPalette::ToolTipText));
    m_notice->setPalette(noticePalette);
    layout->addWidget(m_notice);

    auto *bar = new QHBoxLayout;
    m_run = new QPushButton(this);
    m_run->setObjectName(QStringLiteral("programRun"));
    m_stop = new QPushButton(this);
    m_stop->setObjectName(QStringLiteral("programStop"));
    m_save = new QPushButton(this);
    m_save->setObjectName(QStringLiteral("programSave"));
    m_realTime = new QCheckBox(this);
    m_realTime->setObjectName(QStringLiteral("programRealTime"));
    bar->addWidget(m_run);
    bar->addWidget(m_stop);
    bar->addWidget(m_save);
    bar->addStretch(1);
    layout->addLayout(bar);
    // On a line of its own: the column must stay narrow enough for an 800 px window.
    layout->addWidget(m_realTime);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("programStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);

    m_editor = new ProgramEditor(this);
    layout->addWidget(m_editor, 3);

    m_output = new QPlainTextEdit(this);
    m_output->setObjectName(QStringLiteral("programOutput"));
    m_output->setReadOnly(true);
    m_output->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_output->setFont(m_editor->font());
    m_output->setMaximumBlockCount(2000);
    layout->addWidget(m_output, 1);

    connect(m_run, &QPushButton::clicked, this, &ProgramPanel::run);
    connect(m_editor, &ProgramEditor::runRequested, this, &ProgramPanel::run);
    connect(m_stop, &QPushButton::clicked, m_session, &LessonSession::stopProgram);
    connect(m_save, &QPushButton::clicked, this, [this] {
        QString error;
        if (!save(&error))
            QMessageBox::warning(this, tr("Save failed"), error);
    });
    connect(m_editor, &ProgramEditor::saveRequested, m_save, &QPushButton::click);
    connect(m_editor->document(), &QTextDocument::modificationChanged, this, &ProgramPanel::updateStatus);
    connect(m_realTime, &QCheckBox::toggled, this, [this](bool on) {
        m_session->setRealTime(on);
        updateNotice();
    });
    connect(m_session, &LessonSession::programStatusChanged, this, &ProgramPanel::updateStatus);
    retranslateUi();
}

void ProgramPanel::programOpened(bool askFirst)
{
    const ProgramLesson *program = m_session->program();
    m_askFirst = askFirst;
    m_editor->setPlainText(program ? program->source() : QString());
    m_editor->document()->setModified(false);
    m_editor->markLine(0);
    {
        const QSignalBlocker blocker(m_realTime);
        m_realTime->setChecked(m_session->realTime());
    }
    updateNotice();
    updateStatus();
}

void ProgramPanel::run()
{
    const ProgramLesson *program = m_session->program();
    if (!program)
        return;
    m_session->setProgramSource(m_editor->toPlainText());
    m_askFirst = false;
    emit consented(program->path());
    updateNotice();
    m_session->runProgram();
}

void ProgramPanel::setCurrentEvent(const aio::TraceEvent *event)
{
    const ProgramLesson *program = m_session->program();
    int line = 0;
    if (program && event && event->file && QString::fromUtf8(event->file) == program->path())
        line = int(event->line);
    if (line != m_editor->markedLine())
        m_editor->markLine(line);
}

bool ProgramPanel::hasUnsavedEdits() const
{
    return m_session->program() && m_editor->document()->isModified();
}

bool ProgramPanel::save(QString *error)
{
    const ProgramLesson *program = m_session->program();
    if (!program)
        return false;
    QSaveFile file(program->path());
    const QByteArray text = m_editor->toPlainText().toUtf8();
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit()) {
        if (error)
            *error = tr("Could not save %1: %2").arg(QDir::toNativeSeparators(program->path()), file.errorString());
        return false;
    }
    m_editor->document()->setModified(false);
    return true;
}

bool ProgramPanel::maybeKeepEdits()
{
    if (!hasUnsavedEdits())
        return true;
    const auto answer = QMessageBox::question(
        this, tr("Unsaved changes"),
        tr("%1 has changes that are not saved. Save them?").arg(m_session->program()->fileName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel)
        return false;
    if (answer == QMessageBox::Save) {
        QString error;
        if (!save(&error)) {
            QMessageBox::warning(this, tr("Save failed"), error);
            return false;
        }
    }
    m_editor->document()->setModified(false);
    return true;
}

void ProgramPanel::updateNotice()
{
    const ProgramLesson *program = m_session->program();
    QStringList parts;
    if (program && m_askFirst) {
        const QString python = ProgramTracer::pythonPath();
        parts << tr("<b>Nothing has run yet.</b> Run (Ctrl+R) starts %1 with %2, as you and with your rights. "
                    "Run only programs you trust.")
                     .arg(program->fileName().toHtmlEscaped(),
                          (python.isEmpty() ? QStringLiteral("python3") : python).toHtmlEscaped());
    }
    if (m_realTime->isChecked())
        parts << tr("<b>Real time:</b> the program runs as it is, on asyncio's own event loop. Its sockets really "
                    "open, its waits really take time, and a program that never ends runs until you press Stop.");
    m_notice->setText(parts.join(QStringLiteral("<br>")));
    m_notice->setVisible(!parts.isEmpty());
}

QString ProgramPanel::statusText() const
{
    const ProgramLesson *program = m_session->program();
    if (!program)
        return {};
    const ProgramTracer &tracer = m_session->tracer();
    const trace::Recorder &recorder = tracer.recorder();
    const QLocale locale;
    const QString events = tr("%n event(s)", nullptr, int(qMin<std::size_t>(recorder.size(), INT_MAX)));
    QString text;
    switch (tracer.status()) {
    case ProgramTracer::Status::Idle:
        text = m_session->hasRun() && !m_session->recorder().empty()
                   ? tr("A saved trace: %1.").arg(tr("%n event(s)", nullptr, int(m_session->recorder().size())))
                   : tr("Not run yet.");
        break;
    case ProgramTracer::Status::Running:
        text = m_session->realTime() ? tr("Running in real time…") : tr("Running…");
        break;
    case ProgramTracer::Status::Finished: {
        const aio::TraceEvent *end = recorder.empty() ? nullptr : &recorder.back();
        const QString seconds = locale.toString(end ? double(end->time_ns) / 1e9 : 0.0, 'f', 3);
        if (end && end->outcome == aio::Outcome::Deadlock)
            text = tr("Deadlock at %1 s: tasks still wait and nothing can wake them (the report is on the right). %2.")
                       .arg(seconds, events);
        else if (end && end->outcome == aio::Outcome::Exception)
            text = tr("The program raised %1 at %2 s (its traceback is below). %3.")
                       .arg(QString::fromStdString(end->text), seconds, events);
        else if (end && end->outcome == aio::Outcome::Cancelled)
            text = tr("The main task was cancelled at %1 s. %2.").arg(seconds, events);
        else if (end && !end->text.empty() && end->outcome == aio::Outcome::None)
            text = tr("Ended at %1 s: %2. %3.").arg(seconds, QString::fromStdString(end->text), events);
        else
            text = tr("Ended at %1 s. %2.").arg(seconds, events);
        break;
    }
    case ProgramTracer::Status::Stopped:
        text = tr("Stopped. %1 so far.").arg(events);
        break;
    case ProgramTracer::Status::BadProgram:
        text = tr("Not run: the program cannot be run as it is (below).");
        break;
    case ProgramTracer::Status::BrokenTrace:
        text = tr("The harness's trace broke off: %1").arg(tracer.problem());
        break;
    case ProgramTracer::Status::NoPython:
        text = tr("No python3 was found. Install it (Debian: apt-get install python3) or name one in DIRIGENT_PYTHON.");
        break;
    case ProgramTracer::Status::NoHarness:
        text = tr("The tracing harness is not installed beside dirigent (harness/dirigent_trace.py).");
        break;
    case ProgramTracer::Status::Crashed:
        text = tr("The harness ended before its trace was complete: %1").arg(tracer.problem());
        break;
    }
    if (hasUnsavedEdits())
        text += QLatin1Char(' ') + tr("(Edited, not saved.)");
    return text;
}

void ProgramPanel::updateStatus()
{
    const bool running = m_session->programRunning();
    m_stop->setEnabled(running);
    m_save->setEnabled(m_session->program() != nullptr);
    m_run->setEnabled(m_session->program() != nullptr);
    m_status->setText(statusText());
    const QByteArray errors = m_session->tracer().standardError();
    const QString output = QString::fromUtf8(errors);
    if (m_output->toPlainText() != output)
        m_output->setPlainText(output);
    m_output->setVisible(!output.isEmpty());
}

void ProgramPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void ProgramPanel::retranslateUi()
{
    m_run->setText(tr("&Run"));
    m_run->setToolTip(tr("Run the program as the editor shows it (Ctrl+R in the editor)"));
    m_stop->setText(tr("S&top"));
    m_stop->setToolTip(tr("End the running program at once"));
    m_save->setText(tr("&Save"));
    m_save->setToolTip(tr("Write the editor's text to the file (Ctrl+S in the editor)"));
    m_realTime->setText(tr("Real ti&me"));
    m_realTime->setToolTip(tr("Run on asyncio's own event loop and the real clock, for programs that do real I/O"));
    m_editor->setAccessibleName(tr("Program source"));
    m_output->setAccessibleName(tr("The program's error output"));
    updateNotice();
    updateStatus();
}
