// Versions of libraries core wraps, for the report's run environment. Declared here rather
// than in http_client.hpp / sqlite.hpp so that their many includers need not see them.
#pragma once

namespace core {

// CPPHTTPLIB_VERSION of the cpp-httplib this was built with (httplib.h is only included by
// http_client.cpp).
const char* httplib_version();
// sqlite3_libversion(): the SQLite library loaded at run time.
const char* sqlite_version();

}  // namespace core
