# qt_test_registration: the tests dirigent_qt_test registered for tst_registration, as
# `ctest -N` lists them in the build tree, are exactly its two test functions.
execute_process(COMMAND ${CTEST} --test-dir ${BUILD_DIR} -N -R "^qt_registration_"
                RESULT_VARIABLE result OUTPUT_VARIABLE listing ERROR_VARIABLE errors)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "ctest -N failed (${result}):\n${listing}${errors}")
endif()
string(REGEX MATCHALL "qt_registration_[A-Za-z0-9_]+" found "${listing}")
list(SORT found)
set(expected qt_registration_dataDrivenFunction qt_registration_plainFunction)
if(NOT found STREQUAL expected)
  message(FATAL_ERROR "expected the tests ${expected}, ctest -N lists: ${found}\n${listing}")
endif()
message(STATUS "registered: ${found}")
