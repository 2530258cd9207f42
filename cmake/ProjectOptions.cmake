# Warnings and sanitizers for our own targets only (never third-party code).
option(APC_SANITIZE "Build with AddressSanitizer + UndefinedBehaviorSanitizer" OFF)
option(APC_WERROR "Treat warnings as errors" OFF)

if(APC_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

function(apc_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
    -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough)
  if(APC_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# apc_test(NAME name SOURCES ... LIBS ...): a GoogleTest binary registered with ctest.
function(apc_test)
  cmake_parse_arguments(T "" "NAME" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE ${T_LIBS} GTest::gtest GTest::gmock GTest::gtest_main)
  apc_warnings(${T_NAME})
  set(props ENVIRONMENT "APC_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
  if(T_LABELS)
    list(APPEND props LABELS "${T_LABELS}")
  endif()
  gtest_discover_tests(${T_NAME} DISCOVERY_MODE PRE_TEST PROPERTIES ${props})
endfunction()
