#include "apptest.h"

#include "player/LessonSession.h"
#include "widgets/SweepChart.h"

#include <lessons/lesson.hpp>

#include <QList>
#include <QPointF>
#include <QTest>

// The sweep chart: the figure over a parameter, computed on a worker after a pause.
class TestSweepChart : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { apptest::initTestCase(); }
    void cleanup() { apptest::cleanup(); }

    void sweepChartPlotsTheFigureAndMarksTheCurrentValue()
    {
        const lessons::Lesson *lesson = apptest::lessonWithParameters(2);
        QVERIFY(lesson);
        LessonSession session;
        QVERIFY(session.open(QString::fromStdString(lesson->id)));
        SweepChart chart(&session);
        chart.lessonChanged();
        QVERIFY(chart.recomputePending());  // after a pause, not at once
        chart.recomputeNow();
        QCOMPARE(chart.sweepCount(), 1);
        QVERIFY(chart.result().points.size() >= 2);
        QVERIFY(chart.result().points.size() <= 24);
        const QString swept = chart.result().parameterId;
        QCOMPARE(chart.currentPoint().x(), session.parameter(swept));
        QVERIFY(chart.currentPoint().y() > 0);

        // The swept parameter moves only the mark.
        const lessons::Parameter *sweptParameter = nullptr;
        const lessons::Parameter *other = nullptr;
        for (const lessons::Parameter &p : lesson->parameters) {
            (QString::fromStdString(p.id) == swept ? sweptParameter : other) = &p;
        }
        QVERIFY(sweptParameter && other);
        session.setParameter(swept, sweptParameter->max);
        QVERIFY(!chart.recomputePending());
        QCOMPARE(chart.currentPoint().x(), sweptParameter->max);
        chart.recomputeNow();
        QCOMPARE(chart.sweepCount(), 1);

        // Any other parameter changes the curve: computed again after the pause.
        const QString otherId = QString::fromStdString(other->id);
        session.setParameter(otherId, session.parameter(otherId) == other->max ? other->min : other->max);
        QVERIFY(chart.recomputePending());
        QTRY_COMPARE(chart.sweepCount(), 2);
    }

    void aSweepRunsOnAWorkerAndAStaleOneIsReplaced()
    {
        // The many-tasks lesson at 20,000 URLs: a sweep of its permits takes a while.
        LessonSession session;
        QVERIFY(session.open(QStringLiteral("many-tasks")));
        session.setParameter(QStringLiteral("urls"), 20000);
        session.setParameter(QStringLiteral("limit"), 1000);  // the top of the swept range: a point of the curve
        SweepChart chart(&session);
        QCOMPARE(chart.result().parameterId, QString());
        chart.lessonChanged();
        QTest::qWait(200);  // the pause is over: the sweep has started, on the worker
        QVERIFY(chart.recomputePending());
        QCOMPARE(chart.sweepCount(), 0);  // and this thread is free meanwhile

        // Another parameter changes while it runs: its result would be stale.
        session.setParameter(QStringLiteral("latency"), 1.0);
        QTRY_COMPARE_WITH_TIMEOUT(chart.sweepCount(), 1, 60000);
        QVERIFY(!chart.recomputePending());
        const QList<QPointF> points(chart.result().points.begin(), chart.result().points.end());
        QVERIFY(points.size() >= 2);
        QCOMPARE(points.back().x(), 1000.0);
        // The curve belongs to latency 1.0: at the current value it meets the current run.
        QCOMPARE(points.back().y(), chart.currentPoint().y());
    }
};

QTEST_MAIN(TestSweepChart)

#include "tst_sweepchart.moc"
