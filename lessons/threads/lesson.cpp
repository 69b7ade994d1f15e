// A place in the curriculum kept for the comparison of threads and coroutines. It needs real
// threads and a real clock, so it arrives with the live demos; until then the registry lists
// it (the app shows its text) and `dirigent run threads` says that it comes later.
#include "lessons/lesson.hpp"

namespace lessons::embedded::threads {
extern const std::string_view python, cpp, text_de, text_en;
}

namespace lessons {

Lesson make_threads() {
    namespace text = embedded::threads;
    Lesson lesson;
    lesson.id = "threads";
    lesson.title = {.de = "Threads und Coroutinen im Vergleich", .en = "Threads versus coroutines"};
    lesson.placeholder = true;
    lesson.python_source = text::python;
    lesson.cpp_source = text::cpp;
    lesson.text_de = text::text_de;
    lesson.text_en = text::text_en;
    return lesson;
}

}  // namespace lessons
