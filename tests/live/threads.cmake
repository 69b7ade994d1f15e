# Lesson 10's live measurement: live::measureThreads / measureTasks / measureSeries, the
# Python twin lessons/threads/live_threads.py and its QProcess runner. Creates at most a few
# hundred threads in this process; the refusal path runs in threads_limit_probe, which limits
# its own address space (RLIMIT_AS) so that the system refuses a thread deterministically.
if(TARGET dirigent_live AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/tst_threadsmeasurement.cpp)
  add_executable(threads_limit_probe ${CMAKE_CURRENT_SOURCE_DIR}/threads_limit_probe.cpp)
  target_link_libraries(threads_limit_probe PRIVATE dirigent_live)
  dirigent_warnings(threads_limit_probe)

  # One test per test function: live_threadsmeasurement_<function>.
  dirigent_qt_test(TARGET tst_threadsmeasurement NAME live_threadsmeasurement
    SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_threadsmeasurement.cpp
    LIBRARIES dirigent_live
    DEFINITIONS LIVE_THREADS_SCRIPT="${PROJECT_SOURCE_DIR}/lessons/threads/live_threads.py"
                DIRIGENT_PYTHON="${Python3_EXECUTABLE}"
                THREADS_LIMIT_PROBE="$<TARGET_FILE:threads_limit_probe>"
    ENVIRONMENT ${live_test_env}
    TIMEOUT 180)
  add_dependencies(tst_threadsmeasurement threads_limit_probe)
endif()

# `dirigent live threads`: the table, a limit that stops the threads (prlimit --as), a German
# locale, bad input.
if(TARGET dirigent AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/check_live_threads_cli.py)
  add_test(NAME live_threads_cli
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/check_live_threads_cli.py $<TARGET_FILE:dirigent>)
  set(threads_cli_env ${live_test_env})
  if(DIRIGENT_SANITIZE)
    list(APPEND threads_cli_env DIRIGENT_SANITIZED=1)  # no address-space limit under ASan
  endif()
  set_tests_properties(live_threads_cli PROPERTIES TIMEOUT 300 ENVIRONMENT "${threads_cli_env}")
endif()
