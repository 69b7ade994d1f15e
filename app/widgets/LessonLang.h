#pragma once

#include <lessons/lesson.hpp>

// The language of the lessons' own texts (titles, parameters, quiz) that goes with the
// interface language Language::install() set.
lessons::Lang lessonLang();
