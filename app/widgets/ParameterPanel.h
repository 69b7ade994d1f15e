#pragma once

#include <QWidget>

class LessonSession;
class LiveController;
class QCheckBox;
class QRadioButton;
class QGridLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSlider;

namespace lessons { struct Lesson; struct Parameter; }

// A slider per parameter of the lesson (object name param_<id>), labelled with the
// parameter's name, value and unit; the pitfall switch where the lesson has one; and
// a button back to the defaults. One column: it sits under the lesson list. Moving a slider re-runs the scenario at once
// (LessonSession::setParameter).
//
// For a lesson with a live variant a Model | Live switch sits above the sliders. In Live
// mode the sliders take the live ranges and set the LiveController's values (starting
// nothing); Run starts a live run, Stop cancels it, and a line says what happens. For the
// http lesson an HTTP/1.1 | HTTP/2 switch (live mode only) picks the protocol of the next run.
class ParameterPanel : public QWidget
{
    Q_OBJECT

public:
    // `live` may be null: no live mode.
    explicit ParameterPanel(LessonSession *session, LiveController *live = nullptr, QWidget *parent = nullptr);

    // Builds the sliders for the session's lesson (call after LessonSession::open()).
    void rebuild();

    // The panel's controls in keyboard order: the mode switch, the protocol switch, the sliders, the pitfall
    // switch, Run and Stop, the reset button.
    QList<QWidget *> focusOrder() const;

    // The slider position of a value, and back (sliders count steps from the minimum).
    static int positionOf(const lessons::Parameter &parameter, double value);
    static double valueAt(const lessons::Parameter &parameter, int position);
    // "0.3 s", "8/s", "4" in the current locale, with as many decimals as the step needs.
    static QString formatValue(const lessons::Parameter &parameter, double value);

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Row {
        const lessons::Parameter *parameter = nullptr;
        QLabel *name = nullptr;
        QLabel *value = nullptr;
        QSlider *slider = nullptr;
    };

    void retranslateUi();
    void syncFromSession();
    void updateLiveControls();
    bool liveMode() const;
    const lessons::Lesson *shownLesson() const;
    double shownValue(const lessons::Parameter &parameter) const;

    LessonSession *m_session;
    LiveController *m_live;
    const lessons::Lesson *m_builtFor = nullptr;
    bool m_builtLive = false;
    QWidget *m_modeRow = nullptr;
    QRadioButton *m_model = nullptr;
    QRadioButton *m_liveButton = nullptr;
    QWidget *m_protocolRow = nullptr;
    // The database lesson live: which database (sqlite, a file, a postgresql:// URL).
    QWidget *m_databaseRow = nullptr;
    QLabel *m_databaseLabel = nullptr;
    QLineEdit *m_database = nullptr;
    QRadioButton *m_http1 = nullptr;
    QRadioButton *m_http2 = nullptr;
    QWidget *m_runRow = nullptr;
    QPushButton *m_run = nullptr;
    QPushButton *m_stop = nullptr;
    QLabel *m_status = nullptr;
    QGridLayout *m_grid = nullptr;
    QWidget *m_rowsHost = nullptr;
    QList<Row> m_rows;
    QLabel *m_heading = nullptr;
    QLabel *m_noParameters = nullptr;
    QCheckBox *m_pitfall = nullptr;
    QLabel *m_pitfallText = nullptr;
    QPushButton *m_reset = nullptr;
};
