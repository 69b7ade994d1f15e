#include "apptest.h"

#include "player/LessonSession.h"
#include "player/Player.h"
#include "widgets/PlayerBar.h"

#include <QAction>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QSlider>
#include <QTest>

// The player bar: its controls follow the player and drive it.
class TestPlayerBar : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { apptest::initTestCase(); }
    void cleanup() { apptest::cleanup(); }

    void playerBarFollowsThePlayer()
    {
        LessonSession session;
        Player player(&session);
        QVERIFY(session.open(apptest::firstLessonId()));
        PlayerBar bar(&player);
        auto *scrub = bar.findChild<QSlider *>(QStringLiteral("scrubSlider"));
        auto *time = bar.findChild<QLabel *>(QStringLiteral("timeLabel"));
        auto *speed = bar.findChild<QDoubleSpinBox *>(QStringLiteral("speedBox"));
        QVERIFY(scrub && time && speed);
        for (const char *name : {"playButton", "stepBackButton", "stepForwardButton", "previousIterationButton",
                                 "nextIterationButton", "restartButton"}) {
            auto *button = bar.findChild<QWidget *>(QLatin1String(name));
            QVERIFY2(button, name);
            QVERIFY2(!button->accessibleName().isEmpty(), name);
        }
        QCOMPARE(scrub->maximum(), int(player.length()));

        player.seek(player.length() / 2);
        QCOMPARE(scrub->value(), int(player.length() / 2));
        const trace::TraceState &state = player.state();
        QCOMPARE(time->text(), QStringLiteral("t = %1 s · event %2/%3 · iteration %4")
                                   .arg(state.time(), 0, 'f', 3)
                                   .arg(player.length() / 2)
                                   .arg(player.length())
                                   .arg(state.iteration()));

        scrub->setValue(3);
        QCOMPARE(player.cursor(), std::size_t(3));
        bar.stepForwardAction()->trigger();
        QCOMPARE(player.cursor(), std::size_t(4));
        bar.toStartAction()->trigger();
        QCOMPARE(player.cursor(), std::size_t(0));
        QVERIFY(!bar.stepBackAction()->isEnabled());

        speed->setValue(2.5);
        QCOMPARE(player.speed(), 2.5);
        player.setSpeed(0.5);
        QCOMPARE(speed->value(), 0.5);
    }
};

QTEST_MAIN(TestPlayerBar)

#include "tst_playerbar.moc"
