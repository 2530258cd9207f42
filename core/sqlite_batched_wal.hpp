// The "apc-batched-wal" SQLite VFS: the default VFS, except that a transaction's WAL frames
// reach the file in one write (sqlite_batched_wal.cpp says why and when).
#pragma once

struct sqlite3;

namespace core::sqlite {

// Registers the VFS on first use (not as the default) and returns its name for
// sqlite3_open_v2.
const char* batched_wal_vfs();

// Writes the WAL frames `db` holds back for `schema` ("main"). A connection opened on the VFS
// must call it once each commit has happened (Database does, from its WAL hook): until then
// the commit is not in the file. Returns an SQLite result code.
int flush_wal(sqlite3* db, const char* schema);

// How many writes of held-back frames reached a WAL file in this process (for tests).
unsigned long long batched_wal_writes();

}  // namespace core::sqlite
