#pragma once

#include <QWidget>

namespace aio { struct TraceEvent; }

class LessonSession;
class ProgramEditor;
class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

// The tab of a learner's own program: the source in an editor, Run (Ctrl+R), Stop, Save
// (Ctrl+S), the real-time switch, what the last run did, and the program's stderr (its
// traceback, the harness's notes). Before the first run of a file not run before, and while
// real time is on, a notice says what will run and what that means.
class ProgramPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ProgramPanel(LessonSession *session, QWidget *parent = nullptr);

    // The session opened a program (or a saved trace of one): its text goes into the editor.
    // askFirst: nothing has run; the notice asks the learner to run it.
    void programOpened(bool askFirst);
    // Marks the line of the event (the newest with a line) when it lies in the program.
    void setCurrentEvent(const aio::TraceEvent *event);

    bool hasUnsavedEdits() const;
    // Writes the editor's text to the program's file (all or nothing). False: *error says why.
    bool save(QString *error = nullptr);
    // Before the program is left: unsaved edits are saved, dropped or kept (Cancel: false).
    bool maybeKeepEdits();

    ProgramEditor *editor() const { return m_editor; }
    QPushButton *runButton() const { return m_run; }
    QPushButton *stopButton() const { return m_stop; }
    QPushButton *saveButton() const { return m_save; }
    QCheckBox *realTimeSwitch() const { return m_realTime; }
    QLabel *notice() const { return m_notice; }
    QLabel *statusLabel() const { return m_status; }
    QPlainTextEdit *output() const { return m_output; }

public slots:
    // Runs what the editor shows, with the sliders' values (a run going on is stopped).
    void run();

signals:
    // The learner ran the file: the window need not ask again for it.
    void consented(const QString &path);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateStatus();
    void updateNotice();
    QString statusText() const;

    LessonSession *m_session;
    QLabel *m_notice = nullptr;
    QPushButton *m_run = nullptr;
    QPushButton *m_stop = nullptr;
    QPushButton *m_save = nullptr;
    QCheckBox *m_realTime = nullptr;
    QLabel *m_status = nullptr;
    ProgramEditor *m_editor = nullptr;
    QPlainTextEdit *m_output = nullptr;
    bool m_askFirst = false;
};
