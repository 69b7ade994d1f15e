# The CPython comparisons hold aio to CPython 3.11's asyncio: their rules are 3.11's (3.12
# changed wait_for, 3.14 the policies). Any Python 3 runs the other checkers; with a Python
# other than 3.11, configure still succeeds and every comparison is registered as a test
# that reports itself skipped, naming the version it needs.
#
# dirigent_cpython_test(NAME <name> COMMAND <command>...): add_test() when the Python found
# is 3.11; otherwise a test of the same name that prints why and is counted as skipped.
# Properties set afterwards with set_tests_properties() apply either way.

if(Python3_VERSION VERSION_GREATER_EQUAL 3.11 AND Python3_VERSION VERSION_LESS 3.12)
  set(DIRIGENT_CPYTHON_REFERENCE TRUE)
else()
  set(DIRIGENT_CPYTHON_REFERENCE FALSE)
  message(WARNING "The CPython comparisons need CPython 3.11 (their rules are 3.11's asyncio); "
                  "${Python3_EXECUTABLE} is ${Python3_VERSION}, so they will be skipped. "
                  "Configure with -DPython3_EXECUTABLE=/usr/bin/python3.11 to run them.")
endif()

function(dirigent_cpython_test)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "NAME" "COMMAND")
  if(DIRIGENT_CPYTHON_REFERENCE)
    add_test(NAME ${arg_NAME} COMMAND ${arg_COMMAND})
  else()
    add_test(NAME ${arg_NAME}
             COMMAND ${Python3_EXECUTABLE} -c
                     "import sys; print('skipped: needs CPython 3.11 (the comparison rules are 3.11\\'s asyncio); this is ' + sys.version.split()[0]); sys.exit(77)")
    set_tests_properties(${arg_NAME} PROPERTIES SKIP_RETURN_CODE 77)
  endif()
endfunction()
