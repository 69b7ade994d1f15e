# The database lesson's program written with the real libraries (lessons/database/live_*.py),
# checked against a real database, and Dirigent's own `dirigent live database` beside it:
# the same summary on queries ok, commits, rollbacks, balances and connections opened.
#
#   db_programs_sqlite    live_aiosqlite.py and live_sqlalchemy.py, each run on a fresh SQLite
#                         file in a temporary folder
#   db_programs_postgres  live_asyncpg.py and live_sqlalchemy.py on the throwaway cluster of the
#                         fixture postgres_cluster (postgres.cmake); exits 77 (skipped) when the
#                         fixture wrote no URL

# The programs run with an interpreter that has the libraries: CMake's Python may be another
# than Debian's (a pyenv one, say). The first that has them all; none: Debian's, and the check
# fails naming the packages scripts/setup.sh installs.
set(db_programs_python /usr/bin/python3)
foreach(candidate ${Python3_EXECUTABLE} /usr/bin/python3)
  execute_process(COMMAND ${candidate} -c "import asyncpg, aiosqlite, sqlalchemy, greenlet"
                  RESULT_VARIABLE has_libraries OUTPUT_QUIET ERROR_QUIET)
  if(has_libraries EQUAL 0)
    set(db_programs_python ${candidate})
    break()
  endif()
endforeach()

set(db_programs_dirigent)
if(TARGET dirigent)
  set(db_programs_dirigent --dirigent $<TARGET_FILE:dirigent>)
endif()
if(NOT DEFINED DIRIGENT_PG_URL_FILE)  # postgres.cmake sets it; the same place when it is absent
  set(DIRIGENT_PG_URL_FILE ${CMAKE_BINARY_DIR}/postgres/url.txt)
endif()
set(db_programs_check ${CMAKE_CURRENT_SOURCE_DIR}/check_database_programs.py)
set(db_programs_dir ${PROJECT_SOURCE_DIR}/lessons/database)

add_test(NAME db_programs_sqlite
         COMMAND Python3::Interpreter ${db_programs_check} --backend sqlite
                 --python ${db_programs_python} ${db_programs_dirigent}
                 ${db_programs_dir}/live_aiosqlite.py ${db_programs_dir}/live_sqlalchemy.py)
set_tests_properties(db_programs_sqlite PROPERTIES TIMEOUT 180 ENVIRONMENT "${db_test_env}")

add_test(NAME db_programs_postgres
         COMMAND Python3::Interpreter ${db_programs_check} --backend postgres
                 --url-file ${DIRIGENT_PG_URL_FILE} --python ${db_programs_python} ${db_programs_dirigent}
                 ${db_programs_dir}/live_asyncpg.py ${db_programs_dir}/live_sqlalchemy.py)
# The programs and the window's PostgreSQL case use the cluster's one database `dirigent` and
# each recreate its table: never two of them at once (RESOURCE_LOCK), or one drops the
# other's table mid-run.
set_tests_properties(db_programs_postgres PROPERTIES
  FIXTURES_REQUIRED postgres_cluster
  RESOURCE_LOCK postgres_database_dirigent
  SKIP_RETURN_CODE 77
  TIMEOUT 180
  ENVIRONMENT "${db_test_env}")
