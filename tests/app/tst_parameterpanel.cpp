#include "apptest.h"

#include "player/LessonSession.h"
#include "widgets/ParameterPanel.h"

#include <lessons/lesson.hpp>

#include <QCheckBox>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QTest>

// The parameter sliders: their steps, and a rerun of the scenario when one moves.
class TestParameterPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { apptest::initTestCase(); }
    void cleanup() { apptest::cleanup(); }

    void parameterSlidersStepThroughTheRange()
    {
        lessons::Parameter p;
        p.min = 0;
        p.max = 0.5;
        p.step = 0.125;
        p.unit = "s";
        QCOMPARE(ParameterPanel::positionOf(p, 0.25), 2);
        QCOMPARE(ParameterPanel::valueAt(p, 4), 0.5);
        QCOMPARE(ParameterPanel::valueAt(p, 9), 0.5);  // clamped
        QCOMPARE(ParameterPanel::formatValue(p, 0.25), QStringLiteral("0.250 s"));
        p.unit = "/s";
        p.step = 1;
        QCOMPARE(ParameterPanel::formatValue(p, 8), QStringLiteral("8/s"));
    }

    void parameterPanelRerunsTheScenario()
    {
        const lessons::Lesson *lesson = apptest::lessonWithParameters(2);
        QVERIFY(lesson);
        LessonSession session;
        QVERIFY(session.open(QString::fromStdString(lesson->id)));
        ParameterPanel panel(&session);
        panel.rebuild();
        for (const lessons::Parameter &p : lesson->parameters) {
            auto *slider = panel.findChild<QSlider *>(QStringLiteral("param_%1").arg(QString::fromStdString(p.id)));
            QVERIFY2(slider, p.id.c_str());
            QCOMPARE(slider->minimum(), 0);
            QCOMPARE(slider->value(), ParameterPanel::positionOf(p, p.default_value));
            QVERIFY(!slider->accessibleName().isEmpty());
        }
        const lessons::Parameter &first = lesson->parameters.front();
        const QString id = QString::fromStdString(first.id);
        auto *slider = panel.findChild<QSlider *>(QStringLiteral("param_") + id);
        auto *value = panel.findChild<QLabel *>(QStringLiteral("value_") + id);
        QVERIFY(value);
        const int runs = session.runCount();
        const int target = slider->value() == slider->maximum() ? 0 : slider->maximum();
        slider->setValue(target);
        QCOMPARE(session.runCount(), runs + 1);
        QCOMPARE(session.parameter(id), ParameterPanel::valueAt(first, target));
        QCOMPARE(value->text(), ParameterPanel::formatValue(first, session.parameter(id)));

        auto *pitfall = panel.findChild<QCheckBox *>(QStringLiteral("pitfallSwitch"));
        QVERIFY(pitfall);
        QCOMPARE(pitfall->isVisibleTo(&panel), lesson->has_pitfall);
        if (lesson->has_pitfall) {
            pitfall->setChecked(true);
            QVERIFY(session.pitfall());
        }

        auto *reset = panel.findChild<QPushButton *>(QStringLiteral("resetButton"));
        QVERIFY(reset);
        reset->click();
        QCOMPARE(session.parameter(id), first.default_value);
        QCOMPARE(slider->value(), ParameterPanel::positionOf(first, first.default_value));
        QVERIFY(!pitfall->isChecked());
    }
};

QTEST_MAIN(TestParameterPanel)

#include "tst_parameterpanel.moc"
