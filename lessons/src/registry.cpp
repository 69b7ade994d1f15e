// The curriculum. lessons/CMakeLists.txt lists the lessons in order (one dirigent_add_lesson
// line each) and generates lesson_list.inc with a DIRIGENT_LESSON(<ident>) line for every
// lesson whose folder is complete; each lessons/<id>/lesson.cpp defines make_<ident>().
#include "lessons/lesson.hpp"

#include <vector>

namespace lessons {

#define DIRIGENT_LESSON(ident) Lesson make_##ident();
#include "lesson_list.inc"
#undef DIRIGENT_LESSON

namespace {

std::vector<Lesson> make_all() {
    std::vector<Lesson> all;
#define DIRIGENT_LESSON(ident) all.push_back(make_##ident());
#include "lesson_list.inc"
#undef DIRIGENT_LESSON
    return all;
}

}  // namespace

const std::vector<const Lesson*>& registry() {
    static const std::vector<Lesson> lessons = make_all();
    static const std::vector<const Lesson*> in_order = [] {
        std::vector<const Lesson*> pointers;
        pointers.reserve(lessons.size());
        for (const Lesson& lesson : lessons) pointers.push_back(&lesson);
        return pointers;
    }();
    return in_order;
}

const Lesson* find(std::string_view id) {
    for (const Lesson* lesson : registry()) {
        if (lesson->id == id) return lesson;
    }
    return nullptr;
}

}  // namespace lessons
