# Runs the node_sdk test (cmake -P). Variables, all set by CMakeLists.txt:
#   NODE, NPM     node and npm executables (empty or *-NOTFOUND when missing at configure time)
#   SOURCE_DIR    this folder (package.json, package-lock.json, sdk_test.mjs)
#   WORK_DIR      build-tree folder that receives the copies and node_modules
#   MOCK          the built amazon-pay-mock
#   PRIVATE_KEY, PUBLIC_KEY, KEY_ID   the committed throwaway key pair and its public key id
cmake_minimum_required(VERSION 3.25)

foreach(tool NODE NPM)
  if(NOT ${tool} OR "${${tool}}" MATCHES "NOTFOUND$")
    string(TOLOWER "${tool}" name)
    message(FATAL_ERROR
      "node_sdk: '${name}' was not found when CMake configured this build. Install Node.js >= 18 "
      "with npm (CI does), then re-run CMake so the node_sdk test can find them.")
  endif()
endforeach()

execute_process(COMMAND "${NODE}" --version
  OUTPUT_VARIABLE node_version OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE rc)
if(rc OR NOT node_version MATCHES "^v([0-9]+)\\.")
  message(FATAL_ERROR "node_sdk: '${NODE} --version' failed (${rc}): ${node_version}")
endif()
if(CMAKE_MATCH_1 LESS 18)
  message(FATAL_ERROR "node_sdk: Node.js ${node_version} is too old; node:test and util.parseArgs "
                      "need Node.js >= 18.")
endif()

if(NOT EXISTS "${MOCK}")
  message(FATAL_ERROR "node_sdk: ${MOCK} does not exist; build the amazon-pay-mock target first "
                      "(it is part of the default build).")
endif()

# Always test the current sources, even when only ctest is re-run after an edit.
file(MAKE_DIRECTORY "${WORK_DIR}")
foreach(f package.json package-lock.json sdk_test.mjs)
  file(COPY_FILE "${SOURCE_DIR}/${f}" "${WORK_DIR}/${f}" ONLY_IF_DIFFERENT)
endforeach()

message(STATUS "node_sdk: node ${node_version}; npm ci in ${WORK_DIR}")
execute_process(COMMAND "${NPM}" ci --no-audit --no-fund
  WORKING_DIRECTORY "${WORK_DIR}" RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "node_sdk: 'npm ci' failed (${rc}); the npm registry must be reachable and "
                      "package-lock.json must match package.json.")
endif()

execute_process(COMMAND "${NODE}" sdk_test.mjs
    --mock "${MOCK}" --private-key "${PRIVATE_KEY}" --public-key "${PUBLIC_KEY}" --key-id "${KEY_ID}"
  WORKING_DIRECTORY "${WORK_DIR}" RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "node_sdk: the Node SDK tests failed (exit ${rc}); see the output above.")
endif()
