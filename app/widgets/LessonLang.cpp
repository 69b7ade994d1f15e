#include "widgets/LessonLang.h"

#include "text/Language.h"

lessons::Lang lessonLang()
{
    return Language::isGerman() ? lessons::Lang::De : lessons::Lang::En;
}
