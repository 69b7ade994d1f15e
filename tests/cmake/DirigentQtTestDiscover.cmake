# The POST_BUILD step of dirigent_qt_test: runs EXECUTABLE -functions (offscreen, as a
# QApplication needs a platform) and writes `set(functions ...)` to OUTPUT. Any failure
# fails the build, so a test executable never silently registers no tests.
if(NOT EXECUTABLE OR NOT OUTPUT)
  message(FATAL_ERROR "usage: cmake -D EXECUTABLE=... -D OUTPUT=... -P DirigentQtTestDiscover.cmake")
endif()
set(ENV{QT_QPA_PLATFORM} offscreen)
execute_process(COMMAND ${EXECUTABLE} -functions
                RESULT_VARIABLE result OUTPUT_VARIABLE listing ERROR_VARIABLE errors
                TIMEOUT 60)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "${EXECUTABLE} -functions failed (${result}):\n${listing}${errors}")
endif()

# One line per test function: "name()".
string(REPLACE "\n" ";" lines "${listing}")
set(functions)
foreach(line IN LISTS lines)
  string(STRIP "${line}" line)
  if(line MATCHES "^([A-Za-z_][A-Za-z0-9_]*)\\(\\)$")
    list(APPEND functions ${CMAKE_MATCH_1})
  endif()
endforeach()
if(NOT functions)
  message(FATAL_ERROR "${EXECUTABLE} -functions listed no test function:\n${listing}${errors}")
endif()

set(content "set(functions ${functions})\n")
if(EXISTS ${OUTPUT})
  file(READ ${OUTPUT} old)
endif()
if(NOT content STREQUAL old)
  file(WRITE ${OUTPUT} "${content}")
endif()
