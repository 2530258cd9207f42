# Runs the hosted_pages_browser test (cmake -P). Variables, all set by CMakeLists.txt:
#   NODE, NPM, CHROMIUM  executables found at configure time (empty or *-NOTFOUND when missing)
#   SOURCE_DIR           this folder;  WORK_DIR  the build-tree folder for the copies and node_modules
#   MOCK                 the built amazon-pay-mock
cmake_minimum_required(VERSION 3.25)

foreach(tool NODE NPM CHROMIUM)
  if(NOT ${tool} OR "${${tool}}" MATCHES "NOTFOUND$")
    string(TOLOWER "${tool}" name)
    message(FATAL_ERROR
      "hosted_pages_browser: '${name}' was not found when CMake configured this build. Install "
      "it (scripts/install-deps.sh installs Node.js, npm and Debian's chromium), then re-run CMake.")
  endif()
endforeach()
if(NOT EXISTS "${MOCK}")
  message(FATAL_ERROR "hosted_pages_browser: ${MOCK} does not exist; build amazon-pay-mock first.")
endif()

file(MAKE_DIRECTORY "${WORK_DIR}")
foreach(f package.json package-lock.json hosted_pages_test.mjs)
  file(COPY_FILE "${SOURCE_DIR}/${f}" "${WORK_DIR}/${f}" ONLY_IF_DIFFERENT)
endforeach()

# npm ci only when the lock file changed: the installed copy is kept between runs.
if(NOT EXISTS "${WORK_DIR}/node_modules/.package-lock.json" OR
   "${WORK_DIR}/package-lock.json" IS_NEWER_THAN "${WORK_DIR}/node_modules/.package-lock.json")
  execute_process(COMMAND "${NPM}" ci --no-audit --no-fund
    WORKING_DIRECTORY "${WORK_DIR}" RESULT_VARIABLE rc)
  if(rc)
    message(FATAL_ERROR "hosted_pages_browser: 'npm ci' failed (${rc}); the npm registry must be "
                        "reachable and package-lock.json must match package.json.")
  endif()
endif()

execute_process(COMMAND "${NODE}" --test-reporter=spec hosted_pages_test.mjs
    --mock "${MOCK}" --chromium "${CHROMIUM}"
  WORKING_DIRECTORY "${WORK_DIR}" RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "hosted_pages_browser: the browser tests failed (exit ${rc}); see above.")
endif()
