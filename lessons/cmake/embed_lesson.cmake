# cmake -DLESSON_DIR=... -DLESSON_ID=... -DIDENT=... -DOUTPUT=... -P embed_lesson.cmake
#
# Writes OUTPUT, a C++ file that defines
#   namespace lessons::embedded::<IDENT> { extern const std::string_view python, cpp, text_de, text_en; }
# from LESSON_DIR/{lesson.py, scenario.cpp, text.de.md, text.en.md} (a missing file: empty),
# each as one raw string literal. Fails if a file contains the literal's closing sequence.

foreach(var LESSON_DIR LESSON_ID IDENT OUTPUT)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "embed_lesson.cmake: -D${var}=... is missing")
  endif()
endforeach()

set(delimiter "dirigent_embed")
set(closing ")${delimiter}\"")

# Programs that go beside the listing (live_<name>.py: the lesson written with a real library)
# become `live_<name>` as well.
set(pairs "python=lesson.py" "cpp=scenario.cpp" "text_de=text.de.md" "text_en=text.en.md")
set(extra_names "")
file(GLOB extras RELATIVE "${LESSON_DIR}" "${LESSON_DIR}/live_*.py")
list(SORT extras)
foreach(file IN LISTS extras)
  string(REGEX REPLACE "\\.py$" "" name "${file}")
  list(APPEND pairs "${name}=${file}")
  string(APPEND extra_names ", ${name}")
endforeach()

set(body "")
foreach(pair IN LISTS pairs)
  string(REPLACE "=" ";" pair "${pair}")
  list(GET pair 0 name)
  list(GET pair 1 file)
  set(path "${LESSON_DIR}/${file}")
  set(content "")
  if(EXISTS "${path}")
    file(READ "${path}" content)
  endif()
  string(FIND "${content}" "${closing}" found)
  if(NOT found EQUAL -1)
    message(FATAL_ERROR "lessons/${LESSON_ID}/${file} contains the sequence ${closing}, "
                        "which would end the raw string literal it is embedded in: "
                        "change the delimiter in lessons/cmake/embed_lesson.cmake")
  endif()
  string(APPEND body "const std::string_view ${name} = R\"${delimiter}(${content}${closing};\n\n")
endforeach()

set(text "// Generated from lessons/${LESSON_ID}/ by lessons/cmake/embed_lesson.cmake: do not edit.\n")
string(APPEND text "#include <string_view>\n\n")
string(APPEND text "namespace lessons::embedded::${IDENT} {\n\n")
string(APPEND text "extern const std::string_view python, cpp, text_de, text_en${extra_names};\n\n")
string(APPEND text "${body}")
string(APPEND text "}  // namespace lessons::embedded::${IDENT}\n")

file(WRITE "${OUTPUT}" "${text}")
