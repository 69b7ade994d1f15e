# A throwaway PostgreSQL cluster as the CTest fixture postgres_cluster, and the db suite
# that runs against it (tst_postgres.cpp).
#
#   db_postgres_start  pg_cluster.py start: initdb, a server on 127.0.0.1 and a free port,
#                      its URL in ${CMAKE_BINARY_DIR}/postgres/url.txt
#   db_postgres        the suite; reads the URL from that file at run time (the port is not
#                      known at configure time); exits 77 (skipped) when there is none
#   db_postgres_stop   pg_cluster.py stop: CTest runs it after the tests that need the
#                      cluster, whether they passed or not; fine when nothing was started
#
# Without PostgreSQL's server programs the start step says "PostgreSQL not found" and
# shows as skipped, and so does every test that requires postgres_cluster (exit code 77):
# never as passed.
# A test elsewhere that wants the server: FIXTURES_REQUIRED postgres_cluster,
# SKIP_RETURN_CODE 77, and the URL from ${DIRIGENT_PG_URL_FILE}.

set(DIRIGENT_PG_ROOT ${CMAKE_BINARY_DIR}/postgres)
set(DIRIGENT_PG_URL_FILE ${DIRIGENT_PG_ROOT}/url.txt)
set(DIRIGENT_PG_CLUSTER ${CMAKE_CURRENT_SOURCE_DIR}/pg_cluster.py)

add_test(NAME db_postgres_start COMMAND ${Python3_EXECUTABLE} ${DIRIGENT_PG_CLUSTER} start ${DIRIGENT_PG_ROOT})
# "not found" shows the step itself as skipped; the tests that need it still run, and skip.
set_tests_properties(db_postgres_start PROPERTIES FIXTURES_SETUP postgres_cluster TIMEOUT 180
                     SKIP_REGULAR_EXPRESSION "PostgreSQL not found")
add_test(NAME db_postgres_stop COMMAND ${Python3_EXECUTABLE} ${DIRIGENT_PG_CLUSTER} stop ${DIRIGENT_PG_ROOT})
set_tests_properties(db_postgres_stop PROPERTIES FIXTURES_CLEANUP postgres_cluster TIMEOUT 120)

add_executable(tst_db_postgres ${CMAKE_CURRENT_SOURCE_DIR}/tst_postgres.cpp)
target_link_libraries(tst_db_postgres PRIVATE dirigent_db Qt6::Test Qt6::Network Qt6::Concurrent)
dirigent_warnings(tst_db_postgres)
add_test(NAME db_postgres COMMAND tst_db_postgres)
# The suite starts a second cluster of its own (for a server that dies mid-run) below
# ${DIRIGENT_PG_ROOT}, so db_postgres_stop also stops that one if the suite was killed.
set_tests_properties(db_postgres PROPERTIES
  FIXTURES_REQUIRED postgres_cluster
  SKIP_RETURN_CODE 77
  TIMEOUT 300
  ENVIRONMENT "QT_QPA_PLATFORM=offscreen;DIRIGENT_TEST_POSTGRES_URL_FILE=${DIRIGENT_PG_URL_FILE};DIRIGENT_TEST_PG_CLUSTER=${DIRIGENT_PG_CLUSTER};DIRIGENT_TEST_PYTHON=${Python3_EXECUTABLE}")
