#pragma once

#include <QMainWindow>

class QLabel;

// The main window. For now it greets the learner and says what Dirigent is;
// the lesson player and the live demos move in here later.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    QLabel *m_heading = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_outlook = nullptr;
};
