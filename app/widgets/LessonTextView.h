#pragma once

#include <QTextBrowser>

namespace lessons { struct Lesson; }

// The lesson's text (text.de.md / text.en.md) rendered from Markdown, in the current
// language; it follows a language switch.
class LessonTextView : public QTextBrowser
{
    Q_OBJECT

public:
    explicit LessonTextView(QWidget *parent = nullptr);

    void setLesson(const lessons::Lesson *lesson);

protected:
    void changeEvent(QEvent *event) override;

private:
    void render();

    const lessons::Lesson *m_lesson = nullptr;
    QString m_shownLanguage;
};
