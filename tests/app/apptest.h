#pragma once

// What the Qt Test suites of the window's classes (tst_mainwindow.cpp, tst_codepanel.cpp,
// ...) share: the set-up of each run, and the lessons they look at.

#include "text/Language.h"
#include "widgets/SettingsKeys.h"

#include <lessons/lesson.hpp>

#include <QCoreApplication>
#include <QEvent>
#include <QSettings>
#include <QStandardPaths>
#include <QString>

#include <clocale>

namespace apptest {

// For initTestCase(): never the learner's settings, the C decimal point for the lessons'
// vsnprintf, and English from the .qm files the build made (DIRIGENT_QM_DIR), as the
// tests do not embed the translations.
inline void initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    SettingsKeys::open().clear();
    std::setlocale(LC_NUMERIC, "C");
    Language::setTranslationsDirectory(qEnvironmentVariable("DIRIGENT_QM_DIR"));
    Language::install(QStringLiteral("en"));
}

// For cleanup(): English again after a test that switched the language.
inline void cleanup()
{
    Language::install(QStringLiteral("en"));
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LanguageChange);
}

inline QString firstLessonId()
{
    return QString::fromStdString(lessons::registry().front()->id);
}

// The first lesson (not a placeholder) with at least `atLeast` parameters.
inline const lessons::Lesson *lessonWithParameters(int atLeast)
{
    for (const lessons::Lesson *lesson : lessons::registry()) {
        if (!lesson->placeholder && int(lesson->parameters.size()) >= atLeast)
            return lesson;
    }
    return nullptr;
}

}  // namespace apptest
