# Warnings and sanitizers for our own targets only (never third-party code).
option(APC_SANITIZE "Build with AddressSanitizer + UndefinedBehaviorSanitizer" OFF)
option(APC_WERROR "Treat warnings as errors" OFF)
option(APC_ASSERTIONS "Keep assert() on in optimised builds (TigerBeetle's rule: a broken invariant stops the run)" ON)
option(APC_BUILD_BENCH "Build the Google Benchmark suites" ON)
option(APC_FUZZ "Build the libFuzzer targets in fuzz/ (Clang only; instruments the whole tree)" OFF)

# Assertions stay on wherever tests run: Release and RelWithDebInfo drop NDEBUG unless told.
if(APC_ASSERTIONS)
  foreach(config RELEASE RELWITHDEBINFO MINSIZEREL)
    string(REPLACE "-DNDEBUG" "" CMAKE_CXX_FLAGS_${config} "${CMAKE_CXX_FLAGS_${config}}")
  endforeach()
endif()

if(APC_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "APC_FUZZ needs Clang (libFuzzer): CC=clang CXX=clang++ cmake ... -DAPC_FUZZ=ON")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

if(APC_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
  # Line tables are all a sanitizer report needs; full debug info only slows the checked build.
  add_compile_options(-g1)
endif()

function(apc_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
    -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough
    # GCC 12 reports impossible overlaps in std::string concatenation once assertions are
    # on at -O2 (GCC bug 105329): a false positive in libstdc++, not in our code.
    -Wno-restrict)
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
