#include "widgets/LessonListPanel.h"

#include "widgets/LessonLang.h"

#include <lessons/lesson.hpp>

#include <QEvent>

namespace {

constexpr int idRole = Qt::UserRole;

} // namespace

LessonListPanel::LessonListPanel(QWidget *parent)
    : QListWidget(parent)
{
    setObjectName(QStringLiteral("lessonList"));
    setSelectionMode(QAbstractItemView::SingleSelection);
    setWordWrap(true);
    setTextElideMode(Qt::ElideNone);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Rows re-wrap when the column's width changes.
    setResizeMode(QListView::Adjust);
    fill();
    retranslateUi();
    connect(this, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (!m_filling && item)
            emit lessonChosen(item->data(idRole).toString());
    });
}

void LessonListPanel::fill()
{
    m_filling = true;
    clear();
    for (const lessons::Lesson *lesson : lessons::registry()) {
        auto *item = new QListWidgetItem(this);
        item->setData(idRole, QString::fromStdString(lesson->id));
        if (lesson->placeholder)
            item->setFlags(Qt::NoItemFlags);  // greyed out, not selectable
    }
    m_filling = false;
}

void LessonListPanel::retranslateUi()
{
    setAccessibleName(tr("Lessons"));
    setAccessibleDescription(tr("Choose a lesson; a check mark shows the lessons you have done."));
    const lessons::Lang lang = lessonLang();
    const auto &all = lessons::registry();
    for (int row = 0; row < count() && row < int(all.size()); ++row) {
        const lessons::Lesson *lesson = all[std::size_t(row)];
        QListWidgetItem *item = this->item(row);
        const QString id = item->data(idRole).toString();
        const QString title = QString::fromStdString(lesson->title.in(lang));
        QString text = tr("%1. %2").arg(row + 1).arg(title);
        QString spoken = text;
        if (m_done.contains(id)) {
            text += QStringLiteral("  ✓");
            spoken = tr("%1 (done)").arg(spoken);
        }
        item->setText(text);
        item->setData(Qt::AccessibleTextRole, spoken);
        item->setToolTip(lesson->placeholder ? tr("%1: comes later, with the live demos").arg(title) : title);
    }
}

void LessonListPanel::setCurrentLesson(const QString &id)
{
    m_filling = true;
    if (QListWidgetItem *item = itemOf(id))
        setCurrentItem(item);
    m_filling = false;
}

QString LessonListPanel::currentLesson() const
{
    const QListWidgetItem *item = currentItem();
    return item ? item->data(idRole).toString() : QString();
}

void LessonListPanel::setDone(const QStringList &ids)
{
    m_done = QSet<QString>(ids.begin(), ids.end());
    retranslateUi();
}

QStringList LessonListPanel::done() const
{
    // In curriculum order, so that the settings file does not churn.
    QStringList ids;
    for (int row = 0; row < count(); ++row) {
        const QString id = item(row)->data(idRole).toString();
        if (m_done.contains(id))
            ids.append(id);
    }
    return ids;
}

bool LessonListPanel::markDone(const QString &id)
{
    if (m_done.contains(id) || !itemOf(id))
        return false;
    m_done.insert(id);
    retranslateUi();
    return true;
}

QString LessonListPanel::rowText(const QString &id) const
{
    const QListWidgetItem *item = itemOf(id);
    return item ? item->text() : QString();
}

QListWidgetItem *LessonListPanel::itemOf(const QString &id) const
{
    for (int row = 0; row < count(); ++row) {
        if (item(row)->data(idRole).toString() == id)
            return item(row);
    }
    return nullptr;
}

void LessonListPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QListWidget::changeEvent(event);
}
