#include "widgets/VisualizationPanel.h"

#include "views/BucketView.h"
#include "views/ConsoleView.h"
#include "views/DeadlockOverlay.h"
#include "views/EventLoopView.h"
#include "views/PoolView.h"
#include "views/QueueView.h"
#include "views/SemaphoreView.h"
#include "views/TimelineView.h"

#include <lessons/lesson.hpp>
#include <trace/recorder.hpp>

#include <QEvent>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

VisualizationPanel::VisualizationPanel(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("visualization"));
    setAutoFillBackground(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    m_vertical = new QSplitter(Qt::Vertical, this);
    m_vertical->setObjectName(QStringLiteral("vizSplitter"));
    m_vertical->setChildrenCollapsible(false);
    layout->addWidget(m_vertical);

    m_stage = new QSplitter(Qt::Horizontal, m_vertical);
    m_stage->setObjectName(QStringLiteral("stageSplitter"));
    m_stage->setChildrenCollapsible(false);

    m_eventLoop = new EventLoopView(m_stage);

    // The object views stack in a column that scrolls when a lesson has many objects.
    auto *scroll = new QScrollArea(m_stage);
    scroll->setObjectName(QStringLiteral("objectViewsArea"));
    scroll->setWidgetResizable(true);
    scroll->setFocusPolicy(Qt::NoFocus);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_objectColumn = new QWidget(scroll);
    m_objectColumn->setObjectName(QStringLiteral("objectViews"));
    auto *column = new QVBoxLayout(m_objectColumn);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(4);
    m_queue = new QueueView(m_objectColumn);
    m_semaphore = new SemaphoreView(m_objectColumn);
    m_bucket = new BucketView(m_objectColumn);
    m_pool = new PoolView(m_objectColumn);
    m_objectViews = {m_pool, m_queue, m_semaphore, m_bucket};
    for (TraceView *view : std::as_const(m_objectViews))
        column->addWidget(view, 1);
    scroll->setWidget(m_objectColumn);
    // The object views need about as much room as the event loop: their lines of
    // waiters grow sideways.
    m_stage->setStretchFactor(0, 1);
    m_stage->setStretchFactor(1, 1);
    m_stage->setSizes({420, 340});

    m_timeline = new TimelineView(m_vertical);
    connect(m_timeline, &TimelineView::seekRequested, this, &VisualizationPanel::seekRequested);

    m_console = new ConsoleView(m_vertical);
    m_vertical->setStretchFactor(0, 5);
    m_vertical->setStretchFactor(1, 4);
    m_vertical->setStretchFactor(2, 2);
    m_vertical->setSizes({300, 260, 130});

    // It covers this panel, follows its size and shows itself only for a deadlock.
    m_overlay = new DeadlockOverlay(this);

    m_views = {m_eventLoop, m_timeline};
    m_views += m_objectViews;
    m_views += {m_console, m_overlay};
    retranslateUi();
}

void VisualizationPanel::setRun(const trace::Recorder *recorder, const lessons::Lesson *lesson, double poolSize)
{
    m_timeline->setRecorder(recorder);
    m_console->clear();  // a new run: its lines may differ anywhere, not only at the end
    // The pool's queue of idle connections is drawn by the pool view, not as a queue.
    const QString poolQueue = lesson ? QString::fromStdString(lesson->pool_queue) : QString();
    const QString poolSemaphore = lesson ? QString::fromStdString(lesson->pool_semaphore) : QString();
    if (!poolSemaphore.isEmpty())
        m_pool->setConnectionSemaphore(poolSemaphore);
    else
        m_pool->setPoolQueue(poolQueue, poolQueue.isEmpty() ? 0 : int(poolSize));
    m_semaphore->setIgnoredSemaphore(poolSemaphore);
    QStringList hidden{poolQueue};
    if (lesson) {
        for (const std::string &name : lesson->hidden_queues) hidden << QString::fromStdString(name);
    }
    m_queue->setIgnoredQueues(hidden);
    m_poolObject = poolSemaphore.isEmpty() ? poolQueue : poolSemaphore;
    showObjectViews(recorder);
}

void VisualizationPanel::runGrew(const trace::Recorder *recorder)
{
    m_timeline->setRecorder(recorder, true);
    showObjectViews(recorder);
}

void VisualizationPanel::showObjectViews(const trace::Recorder *recorder)
{
    const QString &poolObject = m_poolObject;
    // Objects are never forgotten by a TraceState, so the final state holds every object
    // the run creates: a view with nothing in it now has nothing at any cursor.
    bool anyObjectView = false;
    if (recorder) {
        const trace::TraceState final = trace::fold(*recorder, recorder->size());
        for (TraceView *view : std::as_const(m_objectViews)) {
            const bool wasAnimated = view->animated();
            view->setAnimated(false);
            view->setState(final, nullptr);
            view->setAnimated(wasAnimated);
            bool show = view->hasContent();
            if (view == m_pool)
                show = show && !poolObject.isEmpty();
            view->setVisible(show);
            anyObjectView = anyObjectView || show;
        }
    } else {
        for (TraceView *view : std::as_const(m_objectViews))
            view->hide();
    }
    m_stage->widget(1)->setVisible(anyObjectView);
}

void VisualizationPanel::setState(const trace::TraceState &state, const aio::TraceEvent *current, bool animated)
{
    for (TraceView *view : std::as_const(m_views)) {
        if (view != m_overlay && view->isHidden())
            continue;
        view->setAnimated(animated);
        view->setState(state, current);
    }
}

QList<TraceView *> VisualizationPanel::shownViews() const
{
    QList<TraceView *> shown;
    for (TraceView *view : m_views) {
        if (!view->isHidden())
            shown.append(view);
    }
    return shown;
}

QList<QSplitter *> VisualizationPanel::splitters() const
{
    return {m_vertical, m_stage};
}

void VisualizationPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void VisualizationPanel::retranslateUi()
{
    setAccessibleName(tr("Visualization"));
    m_eventLoop->setAccessibleName(tr("Event loop"));
    m_timeline->setAccessibleName(tr("Timeline"));
    m_queue->setAccessibleName(tr("Queues"));
    m_semaphore->setAccessibleName(tr("Semaphores and locks"));
    m_bucket->setAccessibleName(tr("Token buckets"));
    m_pool->setAccessibleName(tr("Connection pool"));
    m_console->setAccessibleName(tr("Console"));
    m_overlay->setAccessibleName(tr("Deadlock report"));
}
