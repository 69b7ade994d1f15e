# cmake -DLEVEL_DIR=... -DLEVEL_ID=... -DIDENT=... -DOUTPUT=... -P embed_level.cmake
#
# Writes OUTPUT, a C++ file that defines
#   namespace levels::embedded::<IDENT> { extern const std::string_view broken_py, fixed_py, text_de, text_en; }
# from LEVEL_DIR/{broken.py, fixed.py, text.de.md, text.en.md}, each as one raw string literal.

foreach(var LEVEL_DIR LEVEL_ID IDENT OUTPUT)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "embed_level.cmake: -D${var}=... is missing")
  endif()
endforeach()

set(delimiter "dirigent_level")
set(closing ")${delimiter}\"")
set(body "")
foreach(pair "broken_py=broken.py" "fixed_py=fixed.py" "text_de=text.de.md" "text_en=text.en.md")
  string(REPLACE "=" ";" pair "${pair}")
  list(GET pair 0 name)
  list(GET pair 1 file)
  file(READ "${LEVEL_DIR}/${file}" content)
  string(FIND "${content}" "${closing}" found)
  if(NOT found EQUAL -1)
    message(FATAL_ERROR "levels/${LEVEL_ID}/${file} contains ${closing}, which would end its raw string literal")
  endif()
  string(APPEND body "const std::string_view ${name} = R\"${delimiter}(${content}${closing};\n\n")
endforeach()

set(text "// Generated from levels/${LEVEL_ID}/ by levels/cmake/embed_level.cmake: do not edit.\n")
string(APPEND text "#include <string_view>\n\nnamespace levels::embedded::${IDENT} {\n\n")
string(APPEND text "extern const std::string_view broken_py, fixed_py, text_de, text_en;\n\n${body}")
string(APPEND text "}  // namespace levels::embedded::${IDENT}\n")
file(WRITE "${OUTPUT}" "${text}")
