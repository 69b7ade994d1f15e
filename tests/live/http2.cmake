# `dirigent live http --http2`: the demo server behind nghttpx (HTTP/2, one connection)
# against the same run over HTTP/1.1. dirigent starts and ends both servers on 127.0.0.1.
if(TARGET dirigent AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/check_http2.py)
  add_test(NAME live_http2
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/check_http2.py $<TARGET_FILE:dirigent>)
  set_tests_properties(live_http2 PROPERTIES TIMEOUT 180 ENVIRONMENT "${live_test_env}")
endif()
