# Lesson 9's live measurement: live::measureThreads / measureTasks / measureSeries, the
# Python twin lessons/threads/live_threads.py and its QProcess runner. Creates at most a few
# hundred threads in this process; the refusal path runs in threads_limit_probe, which limits
# its own address space (RLIMIT_AS) so that the system refuses a thread deterministically.
if(TARGET dirigent_live AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/tst_threadsmeasurement.cpp)
  add_executable(threads_limit_probe ${CMAKE_CURRENT_SOURCE_DIR}/threads_limit_probe.cpp)
  target_link_libraries(threads_limit_probe PRIVATE dirigent_live)
  dirigent_warnings(threads_limit_probe)

  add_executable(tst_threadsmeasurement ${CMAKE_CURRENT_SOURCE_DIR}/tst_threadsmeasurement.cpp)
  target_link_libraries(tst_threadsmeasurement PRIVATE dirigent_live Qt6::Test)
  target_compile_definitions(tst_threadsmeasurement PRIVATE
    LIVE_THREADS_SCRIPT="${PROJECT_SOURCE_DIR}/lessons/threads/live_threads.py"
    DIRIGENT_PYTHON="${Python3_EXECUTABLE}"
    THREADS_LIMIT_PROBE="$<TARGET_FILE:threads_limit_probe>")
  add_dependencies(tst_threadsmeasurement threads_limit_probe)
  dirigent_warnings(tst_threadsmeasurement)
  add_test(NAME live_threadsmeasurement COMMAND tst_threadsmeasurement)
  set_tests_properties(live_threadsmeasurement PROPERTIES TIMEOUT 180 ENVIRONMENT "${live_test_env}")
endif()
