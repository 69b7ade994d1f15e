# The client half of live mode: live::HttpSession, the live HTTP scenario with its runner,
# and `dirigent live`. Each suite starts its own DemoServer on 127.0.0.1 (a free port) and
# stops it when it ends; every wait is bounded.
foreach(suite httpsession livehttp)
  if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/tst_${suite}.cpp)
    # One test per test function: live_<suite>_<function>.
    dirigent_qt_test(TARGET tst_${suite} NAME live_${suite}
        SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tst_${suite}.cpp
        LIBRARIES dirigent_live
        ENVIRONMENT ${live_test_env}
        TIMEOUT 180)
  endif()
endforeach()

if(TARGET dirigent AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/check_live_cli.py)
  add_test(NAME live_cli
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/check_live_cli.py $<TARGET_FILE:dirigent>)
  set_tests_properties(live_cli PROPERTIES TIMEOUT 180 ENVIRONMENT "${live_test_env}")
endif()

# `dirigent live database`: SQLite runs and every kind of bad --db.
if(TARGET dirigent AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/check_live_database_cli.py)
  add_test(NAME live_database_cli
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/check_live_database_cli.py $<TARGET_FILE:dirigent>)
  set_tests_properties(live_database_cli PROPERTIES TIMEOUT 300 ENVIRONMENT "${live_test_env}")
endif()

# `dirigent live blocking`: the heartbeat's lag with to_thread and with the loop blocked
# (wide margins: a behaviour check, not a benchmark), debug mode, bad input.
if(TARGET dirigent AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/check_live_blocking_cli.py)
  add_test(NAME live_blocking_cli
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/check_live_blocking_cli.py $<TARGET_FILE:dirigent>)
  set_tests_properties(live_blocking_cli PROPERTIES TIMEOUT 180 ENVIRONMENT "${live_test_env}")
endif()
