#include "widgets/LessonTextView.h"

#include "text/Language.h"

#include <lessons/lesson.hpp>

#include <QEvent>
#include <QScrollBar>

LessonTextView::LessonTextView(QWidget *parent)
    : QTextBrowser(parent)
{
    setObjectName(QStringLiteral("lessonText"));
    setOpenExternalLinks(true);
    // Keyboard users can move through the text and its links.
    setTextInteractionFlags(Qt::TextBrowserInteraction | Qt::TextSelectableByKeyboard);
    document()->setDocumentMargin(10);
    setAccessibleName(tr("Lesson text"));
}

void LessonTextView::setLesson(const lessons::Lesson *lesson)
{
    m_lesson = lesson;
    m_shownLanguage.clear();
    render();
    verticalScrollBar()->setValue(0);
}

void LessonTextView::render()
{
    const QString language = Language::current();
    if (language == m_shownLanguage)
        return;
    m_shownLanguage = language;
    if (!m_lesson) {
        clear();
        return;
    }
    const std::string_view text = Language::isGerman() ? m_lesson->text_de : m_lesson->text_en;
    // The same place in the other language is roughly the same fraction of the text.
    QScrollBar *bar = verticalScrollBar();
    const double fraction = bar->maximum() > 0 ? double(bar->value()) / bar->maximum() : 0.0;
    setMarkdown(QString::fromUtf8(text.data(), qsizetype(text.size())));
    bar->setValue(int(fraction * bar->maximum()));
}

void LessonTextView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        setAccessibleName(tr("Lesson text"));
        render();
    }
    QTextBrowser::changeEvent(event);
}
