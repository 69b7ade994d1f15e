# The demo server (live::DemoServer), `dirigent serve`, and the aiohttp and httpx programs
# against it. Every server binds 127.0.0.1 on a free port and is stopped by the test that
# started it, also when the test fails.
# One test per test function: live_demoserver_<function>.
dirigent_qt_test(TARGET tst_demoserver NAME live_demoserver
    SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_demoserver.cpp
    LIBRARIES dirigent_live Qt6::Network
    ENVIRONMENT ${live_test_env}
    TIMEOUT 120)

# `dirigent serve` as a process: URL first, a line per request, SIGTERM -> summary, exit 0;
# bad values -> one line, exit 2; a taken port -> one line, exit 1.
add_test(NAME live_serve
         COMMAND Python3::Interpreter ${CMAKE_CURRENT_SOURCE_DIR}/check_serve.py $<TARGET_FILE:dirigent>)
set_tests_properties(live_serve PROPERTIES ENVIRONMENT "${live_test_env}" TIMEOUT 60)

# The lesson's program with aiohttp and with httpx (Debian's python3-aiohttp, python3-httpx,
# which scripts/setup.sh installs) against a `dirigent serve` each run starts and stops: per
# request the outcomes the server's own lines imply, the server's peak in flight <= limit.
# Dirigent's own live client (`dirigent live http`) runs beside each, under the same checks.
# The interpreter: the first that has both libraries (CMake's may be another Python than
# Debian's); none: the test runs with Debian's and fails, naming the missing package.
set(live_client_python /usr/bin/python3)
foreach(candidate ${Python3_EXECUTABLE} /usr/bin/python3)
  execute_process(COMMAND ${candidate} -c "import aiohttp, httpx"
                  RESULT_VARIABLE has_clients OUTPUT_QUIET ERROR_QUIET)
  if(has_clients EQUAL 0)
    set(live_client_python ${candidate})
    break()
  endif()
endforeach()
foreach(library aiohttp httpx)
  add_test(NAME live_python_${library}
           COMMAND Python3::Interpreter ${CMAKE_CURRENT_SOURCE_DIR}/check_python_clients.py
                   --dirigent $<TARGET_FILE:dirigent> --python ${live_client_python}
                   ${PROJECT_SOURCE_DIR}/lessons/http/live_${library}.py dirigent-live)
  set_tests_properties(live_python_${library} PROPERTIES ENVIRONMENT "${live_test_env}" TIMEOUT 240)
endforeach()
