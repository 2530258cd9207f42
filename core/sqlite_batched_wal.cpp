// A VFS that hands each transaction's WAL frames to the kernel in one write.
//
// SQLite writes a WAL frame as two pwrite calls (its 24-byte header, then the page), so a
// commit touching nine pages costs eighteen system calls; on this project's VMs those were
// the largest single cost of a Create Charge (perf: 17 % of the mock's CPU). This VFS wraps
// the default one and, for WAL files only, collects writes that continue one another in a
// buffer. The buffer goes to the file in one pwrite (64 KiB chunks for larger commits: the
// unix VFS cannot write more at once) when the transaction commits (the
// connection's WAL hook calls flush_wal), before anything reads, syncs, truncates or sizes
// the file, or when it passes kMaxPending.
//
// Durability is unchanged: a commit's frames reach the kernel before COMMIT returns, which is
// what survives a SIGKILL with synchronous=NORMAL; a torn write is what WAL recovery's
// checksums already handle. Main database files and journals are passed straight through.
#include "core/sqlite_batched_wal.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <cassert>
#include <mutex>
#include <new>
#include <string>

namespace core::sqlite {
namespace {

constexpr std::size_t kMaxPending = 4 << 20;  // a bigger transaction writes as it goes
constexpr std::size_t kMaxWrite = 64 << 10;   // per call to the real xWrite (see flush)
std::atomic<unsigned long long> g_writes{0};

struct Pending {
  std::string bytes;
  sqlite3_int64 at = 0;  // file offset of bytes[0]
};

// SQLite allocates vfs.szOsFile bytes per open file: this header, then the real file.
struct BatchedFile {
  sqlite3_file base;
  sqlite3_file* real;
  Pending* pending;  // null: not a WAL file, every call passes through
};

constexpr int kHeaderSize = static_cast<int>((sizeof(BatchedFile) + 7) / 8 * 8);

BatchedFile* cast(sqlite3_file* f) {
  return reinterpret_cast<BatchedFile*>(f);
}
const sqlite3_io_methods* real_methods(sqlite3_file* f) {
  return cast(f)->real->pMethods;
}

// The unix VFS writes at most 0x1ffff bytes per call (seekAndWrite masks the length) and
// reports a longer write as SQLITE_FULL, so the buffer goes out in chunks below that: one
// call for any commit of up to 15 pages.
int flush(BatchedFile* f) {
  if (f->pending == nullptr || f->pending->bytes.empty()) return SQLITE_OK;
  Pending& p = *f->pending;
  std::size_t done = 0;
  int rc = SQLITE_OK;
  while (done < p.bytes.size() && rc == SQLITE_OK) {
    const std::size_t n = std::min(kMaxWrite, p.bytes.size() - done);
    rc = f->real->pMethods->xWrite(f->real, p.bytes.data() + done, static_cast<int>(n),
                                   p.at + static_cast<sqlite3_int64>(done));
    g_writes.fetch_add(1, std::memory_order_relaxed);
    if (rc == SQLITE_OK) done += n;
  }
  // What was written leaves the buffer; on a failure the rest stays (reads still see it, a
  // retry writes it).
  p.bytes.erase(0, done);
  p.at += static_cast<sqlite3_int64>(done);
  return rc;
}

int x_close(sqlite3_file* file) {
  BatchedFile* f = cast(file);
  int rc = flush(f);
  delete f->pending;
  f->pending = nullptr;
  int closed = f->real->pMethods->xClose(f->real);
  return rc != SQLITE_OK ? rc : closed;
}

int x_read(sqlite3_file* file, void* out, int n, sqlite3_int64 at) {
  if (int rc = flush(cast(file)); rc != SQLITE_OK) return rc;
  return real_methods(file)->xRead(cast(file)->real, out, n, at);
}

int x_write(sqlite3_file* file, const void* data, int n, sqlite3_int64 at) {
  BatchedFile* f = cast(file);
  if (f->pending == nullptr) return f->real->pMethods->xWrite(f->real, data, n, at);
  Pending& p = *f->pending;
  if (!p.bytes.empty() && at != p.at + static_cast<sqlite3_int64>(p.bytes.size())) {
    if (int rc = flush(f); rc != SQLITE_OK) return rc;  // not a continuation: order kept
  }
  if (p.bytes.empty()) p.at = at;
  p.bytes.append(static_cast<const char*>(data), static_cast<std::size_t>(n));
  return p.bytes.size() >= kMaxPending ? flush(f) : SQLITE_OK;
}

int x_truncate(sqlite3_file* file, sqlite3_int64 size) {
  if (int rc = flush(cast(file)); rc != SQLITE_OK) return rc;
  return real_methods(file)->xTruncate(cast(file)->real, size);
}

int x_sync(sqlite3_file* file, int flags) {
  if (int rc = flush(cast(file)); rc != SQLITE_OK) return rc;
  return real_methods(file)->xSync(cast(file)->real, flags);
}

int x_file_size(sqlite3_file* file, sqlite3_int64* size) {
  if (int rc = flush(cast(file)); rc != SQLITE_OK) return rc;
  return real_methods(file)->xFileSize(cast(file)->real, size);
}

int x_lock(sqlite3_file* f, int level) {
  return real_methods(f)->xLock(cast(f)->real, level);
}
int x_unlock(sqlite3_file* f, int level) {
  return real_methods(f)->xUnlock(cast(f)->real, level);
}
int x_check_reserved_lock(sqlite3_file* f, int* out) {
  return real_methods(f)->xCheckReservedLock(cast(f)->real, out);
}
int x_file_control(sqlite3_file* f, int op, void* arg) {
  return real_methods(f)->xFileControl(cast(f)->real, op, arg);
}
int x_sector_size(sqlite3_file* f) {
  return real_methods(f)->xSectorSize(cast(f)->real);
}
int x_device_characteristics(sqlite3_file* f) {
  return real_methods(f)->xDeviceCharacteristics(cast(f)->real);
}
int x_shm_map(sqlite3_file* f, int page, int size, int extend, void volatile** out) {
  return real_methods(f)->xShmMap(cast(f)->real, page, size, extend, out);
}
int x_shm_lock(sqlite3_file* f, int offset, int n, int flags) {
  return real_methods(f)->xShmLock(cast(f)->real, offset, n, flags);
}
void x_shm_barrier(sqlite3_file* f) {
  real_methods(f)->xShmBarrier(cast(f)->real);
}
int x_shm_unmap(sqlite3_file* f, int remove) {
  return real_methods(f)->xShmUnmap(cast(f)->real, remove);
}
int x_fetch(sqlite3_file* f, sqlite3_int64 at, int n, void** out) {
  if (int rc = flush(cast(f)); rc != SQLITE_OK) return rc;
  return real_methods(f)->xFetch(cast(f)->real, at, n, out);
}
int x_unfetch(sqlite3_file* f, sqlite3_int64 at, void* p) {
  return real_methods(f)->xUnfetch(cast(f)->real, at, p);
}

const sqlite3_io_methods kMethods = {3,
                                     x_close,
                                     x_read,
                                     x_write,
                                     x_truncate,
                                     x_sync,
                                     x_file_size,
                                     x_lock,
                                     x_unlock,
                                     x_check_reserved_lock,
                                     x_file_control,
                                     x_sector_size,
                                     x_device_characteristics,
                                     x_shm_map,
                                     x_shm_lock,
                                     x_shm_barrier,
                                     x_shm_unmap,
                                     x_fetch,
                                     x_unfetch};

sqlite3_vfs* base_vfs(sqlite3_vfs* vfs) {
  return static_cast<sqlite3_vfs*>(vfs->pAppData);
}

int x_open(sqlite3_vfs* vfs, const char* name, sqlite3_file* file, int flags, int* out_flags) {
  BatchedFile* f = cast(file);
  f->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(file) + kHeaderSize);
  f->pending = nullptr;
  f->base.pMethods = nullptr;
  int rc = base_vfs(vfs)->xOpen(base_vfs(vfs), name, f->real, flags, out_flags);
  if (rc != SQLITE_OK || f->real->pMethods == nullptr) return rc;
  assert(f->real->pMethods->iVersion >= 3);
  if ((flags & SQLITE_OPEN_WAL) != 0) f->pending = new (std::nothrow) Pending;
  f->base.pMethods = &kMethods;
  return SQLITE_OK;
}

int x_delete(sqlite3_vfs* v, const char* name, int sync_dir) {
  return base_vfs(v)->xDelete(base_vfs(v), name, sync_dir);
}
int x_access(sqlite3_vfs* v, const char* name, int flags, int* out) {
  return base_vfs(v)->xAccess(base_vfs(v), name, flags, out);
}
int x_full_pathname(sqlite3_vfs* v, const char* name, int n, char* out) {
  return base_vfs(v)->xFullPathname(base_vfs(v), name, n, out);
}
void* x_dl_open(sqlite3_vfs* v, const char* name) {
  return base_vfs(v)->xDlOpen(base_vfs(v), name);
}
void x_dl_error(sqlite3_vfs* v, int n, char* out) {
  base_vfs(v)->xDlError(base_vfs(v), n, out);
}
void (*x_dl_sym(sqlite3_vfs* v, void* handle, const char* symbol))(void) {
  return base_vfs(v)->xDlSym(base_vfs(v), handle, symbol);
}
void x_dl_close(sqlite3_vfs* v, void* handle) {
  base_vfs(v)->xDlClose(base_vfs(v), handle);
}
int x_randomness(sqlite3_vfs* v, int n, char* out) {
  return base_vfs(v)->xRandomness(base_vfs(v), n, out);
}
int x_sleep(sqlite3_vfs* v, int micros) {
  return base_vfs(v)->xSleep(base_vfs(v), micros);
}
int x_current_time(sqlite3_vfs* v, double* out) {
  return base_vfs(v)->xCurrentTime(base_vfs(v), out);
}
int x_get_last_error(sqlite3_vfs* v, int n, char* out) {
  return base_vfs(v)->xGetLastError(base_vfs(v), n, out);
}
int x_current_time_int64(sqlite3_vfs* v, sqlite3_int64* out) {
  return base_vfs(v)->xCurrentTimeInt64(base_vfs(v), out);
}

}  // namespace

const char* batched_wal_vfs() {
  static sqlite3_vfs vfs{};
  static std::once_flag registered;
  std::call_once(registered, [] {
    sqlite3_vfs* base = sqlite3_vfs_find(nullptr);
    vfs.iVersion = 2;
    vfs.szOsFile = kHeaderSize + base->szOsFile;
    vfs.mxPathname = base->mxPathname;
    vfs.zName = "apc-batched-wal";
    vfs.pAppData = base;
    vfs.xOpen = x_open;
    vfs.xDelete = x_delete;
    vfs.xAccess = x_access;
    vfs.xFullPathname = x_full_pathname;
    vfs.xDlOpen = x_dl_open;
    vfs.xDlError = x_dl_error;
    vfs.xDlSym = x_dl_sym;
    vfs.xDlClose = x_dl_close;
    vfs.xRandomness = x_randomness;
    vfs.xSleep = x_sleep;
    vfs.xCurrentTime = x_current_time;
    vfs.xGetLastError = x_get_last_error;
    vfs.xCurrentTimeInt64 = x_current_time_int64;
    sqlite3_vfs_register(&vfs, 0);
  });
  return vfs.zName;
}

int flush_wal(sqlite3* db, const char* schema) {
  sqlite3_file* file = nullptr;
  int rc = sqlite3_file_control(db, schema, SQLITE_FCNTL_JOURNAL_POINTER, &file);
  if (rc != SQLITE_OK || file == nullptr || file->pMethods != &kMethods) return SQLITE_OK;
  return flush(cast(file));
}

unsigned long long batched_wal_writes() {
  return g_writes.load(std::memory_order_relaxed);
}

}  // namespace core::sqlite
