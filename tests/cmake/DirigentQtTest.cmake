# dirigent_qt_test: a Qt Test executable, and one CTest test per test function of it.
#
#   dirigent_qt_test(TARGET <executable> NAME <ctest-prefix>
#                    SOURCES <file>... LIBRARIES <target>...
#                    [DEFINITIONS <definition>...] [ENVIRONMENT <VAR=value>...]
#                    [TIMEOUT <seconds>] [PROPERTIES <property> <value> ...])
#
# Builds <executable> and adds the test <ctest-prefix>_<function> running
# `<executable> <function>` for every function `<executable> -functions` lists (Qt Test
# lists neither initTestCase/cleanupTestCase/init/cleanup nor the *_data functions), so a
# new slot runs without anyone adding it to a list. As gtest_discover_tests does: a
# POST_BUILD step writes the functions to <executable>_functions.cmake, and a CTest include
# file, written at generate time (generator expressions in ENVIRONMENT and PROPERTIES work),
# adds the tests from it when CTest reads the build tree. The environment, timeout and
# properties apply to every one of them. Until the executable is built, a failing test
# <ctest-prefix>_NOT_BUILT stands in for them.
#
# CTest runs the functions of one executable in parallel: an executable whose functions
# share state outside the process (a settings file, a database) takes a RESOURCE_LOCK.

set(DIRIGENT_QT_TEST_DISCOVER ${CMAKE_CURRENT_LIST_DIR}/DirigentQtTestDiscover.cmake)

function(dirigent_qt_test)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "TARGET;NAME;TIMEOUT"
                        "SOURCES;LIBRARIES;DEFINITIONS;ENVIRONMENT;PROPERTIES")
  if(NOT arg_TARGET OR NOT arg_NAME OR NOT arg_SOURCES)
    message(FATAL_ERROR "dirigent_qt_test: TARGET, NAME and SOURCES are required")
  endif()
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "dirigent_qt_test(${arg_TARGET}): unknown arguments ${arg_UNPARSED_ARGUMENTS}")
  endif()
  list(LENGTH arg_PROPERTIES property_count)
  math(EXPR odd "${property_count} % 2")
  if(odd)
    message(FATAL_ERROR "dirigent_qt_test(${arg_TARGET}): PROPERTIES takes pairs of name and value")
  endif()

  set(target ${arg_TARGET})
  qt_add_executable(${target} ${arg_SOURCES})
  target_link_libraries(${target} PRIVATE ${arg_LIBRARIES} Qt6::Test)
  if(arg_DEFINITIONS)
    target_compile_definitions(${target} PRIVATE ${arg_DEFINITIONS})
  endif()
  dirigent_warnings(${target})

  set(functions_file ${CMAKE_CURRENT_BINARY_DIR}/${target}_functions.cmake)
  set(include_file ${CMAKE_CURRENT_BINARY_DIR}/${target}_tests.cmake)
  add_custom_command(TARGET ${target} POST_BUILD
    COMMAND ${CMAKE_COMMAND} -D EXECUTABLE=$<TARGET_FILE:${target}> -D OUTPUT=${functions_file}
            -P ${DIRIGENT_QT_TEST_DISCOVER}
    COMMENT "Listing the test functions of ${target}"
    VERBATIM)

  # The properties of every test, each value in a bracket argument: a list (the
  # environment) stays one value, and no character of it needs escaping.
  set(properties "WORKING_DIRECTORY [==[${CMAKE_CURRENT_BINARY_DIR}]==]")
  if(arg_ENVIRONMENT)
    string(APPEND properties " ENVIRONMENT [==[${arg_ENVIRONMENT}]==]")
  endif()
  if(arg_TIMEOUT)
    string(APPEND properties " TIMEOUT ${arg_TIMEOUT}")
  endif()
  while(arg_PROPERTIES)
    list(POP_FRONT arg_PROPERTIES property value)
    string(APPEND properties " ${property} [==[${value}]==]")
  endwhile()

  file(GENERATE OUTPUT ${include_file} CONTENT
"# Written by dirigent_qt_test for ${target}; the functions come from its POST_BUILD step.
if(EXISTS [==[${functions_file}]==])
  include([==[${functions_file}]==])
  foreach(function IN LISTS functions)
    add_test(\"${arg_NAME}_\${function}\" \"$<TARGET_FILE:${target}>\" \${function})
    set_tests_properties(\"${arg_NAME}_\${function}\" PROPERTIES ${properties})
  endforeach()
else()
  add_test(${arg_NAME}_NOT_BUILT ${arg_NAME}_NOT_BUILT)
endif()
")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${include_file})
endfunction()
